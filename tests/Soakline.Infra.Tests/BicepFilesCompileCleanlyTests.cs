using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Soakline.Infra.Tests.Bicep;

namespace Soakline.Infra.Tests;

/// <summary>
/// `bicep build` and `bicep lint` on every .bicep file under infra/, failing on any diagnostic at all:
/// errors, warnings (the linter rules infra/bicepconfig.json raises) and infos alike.
/// </summary>
public sealed class BicepFilesCompileCleanlyTests
{
    public static TheoryData<string> BicepFiles => new(RepositoryPaths.BicepFiles());

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Build_reports_no_diagnostics(string bicepFile)
    {
        var run = await BicepCli.BuildToStdoutAsync(Path.Combine(RepositoryPaths.Infra, bicepFile));

        Assert.True(run.IsClean, run.Describe());
        Assert.IsType<JsonObject>(JsonNode.Parse(run.StandardOutput));
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lint_reports_no_diagnostics(string bicepFile)
    {
        var run = await BicepCli.LintAsync(Path.Combine(RepositoryPaths.Infra, bicepFile));

        Assert.True(run.IsClean, run.Describe());
    }

    [Fact]
    public void The_checks_cover_the_main_template_and_its_modules()
    {
        var files = RepositoryPaths.BicepFiles();

        Assert.Contains("main.bicep", files);
        foreach (var module in ModulePathsReferencedBy(RepositoryPaths.MainTemplate))
        {
            Assert.Contains(Path.GetRelativePath(RepositoryPaths.Infra, Path.Combine(RepositoryPaths.Infra, module)), files);
        }
    }

    [Fact]
    public void Every_module_is_a_local_file_so_build_and_lint_never_reach_a_registry()
    {
        var modules = RepositoryPaths.BicepFiles()
            .SelectMany(file => ModulePathsReferencedBy(Path.Combine(RepositoryPaths.Infra, file)))
            .ToList();

        Assert.NotEmpty(modules);
        Assert.All(modules, module => Assert.DoesNotMatch("^(br|ts)[:/]", module));
    }

    private static IEnumerable<string> ModulePathsReferencedBy(string bicepFile) =>
        Regex.Matches(File.ReadAllText(bicepFile), @"^module\s+\w+\s+'(?<path>[^']+)'", RegexOptions.Multiline)
            .Select(match => match.Groups["path"].Value);
}
