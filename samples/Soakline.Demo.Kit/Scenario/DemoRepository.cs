using System.Text.RegularExpressions;
using Soakline.Demo.Kit.Processes;

namespace Soakline.Demo.Kit.Scenario;

/// <summary>
/// The demo's git repository, made by <c>samples/create-demo-repo.sh</c> (the template's spec uses a release root
/// relative to each host's folder), optionally with the port the hosts listen on committed into the spec, and helpers
/// to commit changes the way a developer would push them. Used by the demo and by the end-to-end tests.
/// </summary>
public sealed partial class DemoRepository
{
    public const string FullName = "demo/shop";
    private const string Author = "user.name=Soakline demo";
    private const string Email = "user.email=demo@soakline.local";

    /// <summary>The strategy's <c>soak:</c> and <c>expeditedSoak:</c> lines.</summary>
    [GeneratedRegex(@"^(?<indent>[ \t]+)(?<key>soak|expeditedSoak):[ \t]*\S+[ \t]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SoakLines();

    private DemoRepository(string path) => Path = path;

    public string Path { get; }

    /// <param name="appPort">The port the hosts' sample app listens on, committed into the spec; null keeps the template's.</param>
    /// <param name="soak">
    /// The soak of every canary stage, expedited or not, committed into the spec; null keeps the template's (15 s, long
    /// enough to watch). The end-to-end tests pass a shorter one: they play the same story and need no time to look at
    /// it. The expedited soak gets the same value because the spec refuses one longer than the soak.
    /// </param>
    public static async Task<DemoRepository> CreateAsync(string samplesFolder, string path, int? appPort = null, TimeSpan? soak = null)
    {
        if (soak is { } requested && (requested <= TimeSpan.Zero || requested.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(soak), requested, "soak: a whole number of seconds above zero (the spec writes it as <n>s).");
        }

        await Shell.RunAsync(samplesFolder, "sh", System.IO.Path.Combine(samplesFolder, "create-demo-repo.sh"), path).ConfigureAwait(false);
        var repository = new DemoRepository(path);
        if (appPort is { } port)
        {
            await repository.RewriteSpecAsync(spec => spec.Replace(":18080", $":{port}", StringComparison.Ordinal), $"Demo: the hosts listen on port {port}").ConfigureAwait(false);
        }

        if (soak is { } stageSoak)
        {
            var seconds = (long)stageSoak.TotalSeconds;
            var keys = SoakLines().Matches(await File.ReadAllTextAsync(repository.SpecPath).ConfigureAwait(false)).Select(m => m.Groups["key"].Value);
            if (!keys.Contains("soak", StringComparer.Ordinal))
            {
                // The template's spec lost its strategy.soak line: fail here rather than let a test soak for the default.
                throw new InvalidOperationException($"The demo spec {repository.SpecPath} has no 'soak:' line under strategy to set to {seconds}s.");
            }

            await repository.RewriteSpecAsync(spec => SoakLines().Replace(spec, $"${{indent}}${{key}}: {seconds}s"), $"Tests: every canary stage soaks {seconds}s").ConfigureAwait(false);
        }

        // develop starts where main is, so both branches carry the same spec.
        await Shell.RunAsync(path, "git", "branch", "-f", "develop", "main").ConfigureAwait(false);
        return repository;
    }

    public Task<string> HeadAsync(string branch) => Shell.RunAsync(Path, "git", "rev-parse", branch);

    /// <summary>Writes files on main and commits them; returns the new commit.</summary>
    public async Task<string> CommitAsync(string message, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (name, content) in files)
        {
            await File.WriteAllTextAsync(System.IO.Path.Combine(Path, name), content).ConfigureAwait(false);
        }

        return await CommitAllAsync(message).ConfigureAwait(false);
    }

    private string SpecPath => System.IO.Path.Combine(Path, ".soakline.yml");

    /// <summary>Rewrites the spec and commits it when that changed anything.</summary>
    private async Task RewriteSpecAsync(Func<string, string> rewrite, string message)
    {
        var spec = await File.ReadAllTextAsync(SpecPath).ConfigureAwait(false);
        var rewritten = rewrite(spec);
        if (rewritten != spec)
        {
            await File.WriteAllTextAsync(SpecPath, rewritten).ConfigureAwait(false);
            await CommitAllAsync(message).ConfigureAwait(false);
        }
    }

    private async Task<string> CommitAllAsync(string message)
    {
        await Shell.RunAsync(Path, "git", "add", "-A").ConfigureAwait(false);
        await Shell.RunAsync(Path, "git", "-c", Author, "-c", Email, "commit", "-q", "-m", message).ConfigureAwait(false);
        return await HeadAsync("HEAD").ConfigureAwait(false);
    }
}
