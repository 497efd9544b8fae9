using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Soakline.Infra.Tests.Bicep;
using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests;

/// <summary>
/// `bicep build` on every .bicep file under infra/, failing on any diagnostic at all: errors, warnings (the
/// linter rules infra/bicepconfig.json raises) and infos alike. One CLI run covers the folder (shared with the
/// template tests); each file keeps its own case. No separate `bicep lint`: build reports the same linter
/// diagnostics, which LinterConfigurationTests checks on every run.
/// </summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class BicepFilesCompileCleanlyTests(CompiledMainTemplate compiled)
{
    public static TheoryData<string> BicepFiles => new(RepositoryPaths.BicepFiles());

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Build_reports_no_diagnostics_and_writes_the_compiled_template(string bicepFile)
    {
        var build = compiled.Infra.For(bicepFile);

        Assert.True(build.IsClean, build.Describe());
        Assert.IsType<JsonObject>(JsonNode.Parse(build.CompiledJson!));
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
    public void Every_module_is_a_local_file_so_the_build_never_reaches_a_registry()
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
