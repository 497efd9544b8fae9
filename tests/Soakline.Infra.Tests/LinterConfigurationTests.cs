using Soakline.Infra.Tests.Bicep;

namespace Soakline.Infra.Tests;

/// <summary>
/// "Fails on any warning" only means something if warnings are raised: these lint a deliberately flawed
/// template next to a copy of infra/bicepconfig.json, and once without it.
/// </summary>
public sealed class LinterConfigurationTests : IDisposable
{
    // An unused parameter (a warning Bicep raises by default) and a hard-coded location (a rule Bicep
    // ships switched off and infra/bicepconfig.json switches on).
    private const string FlawedTemplate = """
        param unusedSetting string

        resource probe 'Microsoft.Storage/storageAccounts@2025-06-01' = {
          name: 'stlinterprobe'
          location: 'westeurope'
          kind: 'StorageV2'
          sku: {
            name: 'Standard_LRS'
          }
        }

        output probeId string = probe.id
        """;

    private readonly string workDirectory = Directory.CreateTempSubdirectory("soakline-bicep-lint-").FullName;

    [Fact]
    public async Task The_lint_check_fails_a_template_with_warnings_under_the_projects_configuration()
    {
        var template = WriteFlawedTemplate("with-config");
        File.Copy(RepositoryPaths.BicepConfig, Path.Combine(Path.GetDirectoryName(template)!, "bicepconfig.json"));

        var run = await BicepCli.LintAsync(template);

        Assert.False(run.IsClean, "A flawed template passed the lint check.");
        var codes = run.Diagnostics.Select(d => d.Code).ToList();
        Assert.Contains("no-unused-params", codes);
        Assert.Contains("no-hardcoded-location", codes);
        Assert.All(run.Diagnostics, d => Assert.Equal("Warning", d.Level));
    }

    [Fact]
    public async Task Without_the_projects_configuration_the_switched_on_rules_stay_silent()
    {
        var template = WriteFlawedTemplate("without-config");

        var run = await BicepCli.LintAsync(template);

        var codes = run.Diagnostics.Select(d => d.Code).ToList();
        Assert.Contains("no-unused-params", codes);
        Assert.DoesNotContain("no-hardcoded-location", codes);
    }

    public void Dispose() => Directory.Delete(workDirectory, recursive: true);

    private string WriteFlawedTemplate(string folder)
    {
        var directory = Directory.CreateDirectory(Path.Combine(workDirectory, folder)).FullName;
        var path = Path.Combine(directory, "flawed.bicep");
        File.WriteAllText(path, FlawedTemplate);
        return path;
    }
}
