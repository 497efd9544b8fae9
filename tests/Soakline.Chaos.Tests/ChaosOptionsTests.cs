namespace Soakline.Chaos.Tests;

public sealed class ChaosOptionsTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Functions.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above the tests");
    }

    [Fact]
    public void The_issue_numbers_are_the_defaults_and_a_missing_seed_is_drawn()
    {
        var app = typeof(ChaosOptionsTests).Assembly.Location;
        var (options, problems) = ChaosOptions.Parse(["--result", "out/chaos.json", "--root", Root, "--app", app], () => 1234);

        Assert.Empty(problems);
        Assert.NotNull(options);
        Assert.Equal(100, options.Kills);
        Assert.Equal(20, options.Pipelines);
        Assert.Equal(2, options.AzuriteRestarts);
        Assert.Equal(1234, options.Seed);
        Assert.Equal(Path.GetFullPath("out/chaos.json"), options.ResultFile);
    }

    [Fact]
    public void Every_bad_argument_is_named_at_once()
    {
        var (options, problems) = ChaosOptions.Parse(["--kills", "many", "--pipelines", "0", "--seed", "x3", "--bogus", "--root", Root, "--app", "/nowhere/app.dll", "--result", Root], () => 1);

        Assert.Null(options);
        Assert.Contains(problems, p => p.StartsWith("--kills: 'many'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--pipelines: '0'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--seed:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'--bogus'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--app: the app is not built at '/nowhere/app.dll'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--result:", StringComparison.Ordinal) && p.Contains("is a folder", StringComparison.Ordinal));
        Assert.Equal(6, problems.Count);
    }
}
