using System.Globalization;

namespace Soakline.Chaos;

/// <summary>
/// What one chaos run does, from the command line: <c>--result &lt;file.json&gt;</c> (default
/// <c>artifacts/chaos-result.json</c> under the repository), <c>--kills</c>
/// (default 100), <c>--pipelines</c> (default 20), <c>--seed</c> (default: random, printed), <c>--azurite-restarts</c>
/// (default 2), <c>--root</c> (the repository; default: found above the program) and <c>--app</c> (the built
/// Soakline.Functions.dll; default: the Release build under <c>--root</c>).
/// </summary>
internal sealed record ChaosOptions(string ResultFile, int Kills, int Pipelines, int Seed, int AzuriteRestarts, string Root, string AppDll)
{
    public const int DefaultKills = 100;
    public const int DefaultPipelines = 20;
    public const int DefaultAzuriteRestarts = 2;

    public const string Usage =
        "usage: Soakline.Chaos [--result <file.json>] [--kills 100] [--pipelines 20] [--seed N] [--azurite-restarts 2] [--root <repository>] [--app <Soakline.Functions.dll>]";

    /// <summary>Reads the arguments; on bad input returns every problem at once, naming each flag, and no options.</summary>
    public static (ChaosOptions? Options, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> args, Func<int> randomSeed)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(randomSeed);
        var problems = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["--result", "--kills", "--pipelines", "--seed", "--azurite-restarts", "--root", "--app"];
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (!known.Contains(flag, StringComparer.Ordinal))
            {
                problems.Add($"unknown argument '{flag}'");
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"{flag}: a value is missing");
                continue;
            }

            values[flag] = args[++i];
        }

        var kills = Number(values, "--kills", DefaultKills, 0, 10_000, problems);
        var pipelines = Number(values, "--pipelines", DefaultPipelines, 1, 60, problems);
        var restarts = Number(values, "--azurite-restarts", DefaultAzuriteRestarts, 0, 10, problems);
        var seed = values.ContainsKey("--seed") ? Number(values, "--seed", 0, 0, int.MaxValue, problems) : randomSeed();

        string? root = values.GetValueOrDefault("--root");
        if (root is null)
        {
            root = FindRepositoryRoot();
            if (root is null)
            {
                problems.Add("--root: Functions.sln not found above the program's folder; pass the repository with --root");
            }
        }
        else if (!File.Exists(Path.Combine(root, "Functions.sln")))
        {
            problems.Add($"--root: '{root}' has no Functions.sln");
        }

        var app = values.GetValueOrDefault("--app")
            ?? (root is null ? null : Path.Combine(root, "src", "Soakline.Functions", "bin", "Release", "net10.0", "Soakline.Functions.dll"));
        if (app is not null && !File.Exists(app))
        {
            problems.Add($"--app: the app is not built at '{app}' (dotnet build Functions.sln -c Release, or pass --app)");
        }

        var result = values.GetValueOrDefault("--result") ?? (root is null ? null : Path.Combine(root, "artifacts", "chaos-result.json"));
        if (result is not null && Directory.Exists(result))
        {
            problems.Add($"--result: '{result}' is a folder; name the JSON file the verdict is written to");
        }

        return problems.Count > 0
            ? (null, problems)
            : (new ChaosOptions(Path.GetFullPath(result!), kills, pipelines, seed, restarts, Path.GetFullPath(root!), Path.GetFullPath(app!)), problems);
    }

    private static int Number(Dictionary<string, string> values, string flag, int fallback, int min, int max, List<string> problems)
    {
        if (!values.TryGetValue(flag, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            problems.Add($"{flag}: '{text}' is not a whole number from {min} to {max}");
            return fallback;
        }

        return value;
    }

    private static string? FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Functions.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
