namespace Soakline.Infra.Tests.Bicep;

/// <summary>
/// A temporary folder of deliberately flawed and clean templates, built once and linted once for all the tests
/// that check the checks (each CLI start costs seconds). Every probe lives in its own subfolder, so each can
/// have its own bicepconfig.json, or none.
/// </summary>
public sealed class BicepProbeFolder : IAsyncLifetime
{
    /// <summary>An unused parameter (a warning Bicep raises by default) and a hard-coded location (a rule Bicep
    /// ships switched off and infra/bicepconfig.json switches on).</summary>
    internal const string FlawedTemplate = """
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

    /// <summary>Under infra/bicepconfig.json.</summary>
    internal const string FlawedWithConfig = "with-config/flawed.bicep";

    /// <summary>Under Bicep's default rules.</summary>
    internal const string FlawedWithoutConfig = "without-config/flawed.bicep";

    /// <summary>Compiles without a word, next to <see cref="Broken"/> under infra/bicepconfig.json.</summary>
    internal const string Clean = "mixed/clean.bicep";

    /// <summary>Does not compile (a parameter default with no value).</summary>
    internal const string Broken = "mixed/broken.bicep";

    private readonly string folder = Directory.CreateTempSubdirectory("soakline-bicep-probes-").FullName;
    private BicepFolderBuild? build;
    private BicepRun? lint;

    internal string Folder => folder;

    internal BicepFolderBuild Build => build ?? throw new InvalidOperationException("The probes were not built.");

    internal BicepRun Lint => lint ?? throw new InvalidOperationException("The probes were not linted.");

    public async Task InitializeAsync()
    {
        Write(FlawedWithConfig, FlawedTemplate);
        File.Copy(RepositoryPaths.BicepConfig, Path.Combine(folder, "with-config", "bicepconfig.json"));
        Write(FlawedWithoutConfig, FlawedTemplate);
        Write(Clean, """
            @description('Where the probe would go.')
            param location string

            output probeLocation string = location
            """);
        Write(Broken, "param brokenSetting string = \n");
        File.Copy(RepositoryPaths.BicepConfig, Path.Combine(folder, "mixed", "bicepconfig.json"));

        // Two different commands: nothing to gain from sequencing them on a busy machine beyond what the OS does.
        var building = BicepFolderBuild.RunAsync(folder);
        var linting = BicepCli.LintAllAsync(folder);
        build = await building;
        lint = await linting;
    }

    public Task DisposeAsync()
    {
        build?.Dispose();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The full path of a probe, as Bicep names it in its diagnostics.</summary>
    internal string PathOf(string probe) => Path.GetFullPath(Path.Combine(folder, probe));

    private void Write(string probe, string text)
    {
        var path = PathOf(probe);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}

[CollectionDefinition(Name)]
public sealed class BicepProbeFolderCollection : ICollectionFixture<BicepProbeFolder>
{
    public const string Name = "Bicep probe templates";
}
