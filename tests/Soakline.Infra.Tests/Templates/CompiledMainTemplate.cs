using Soakline.Infra.Tests.Bicep;

namespace Soakline.Infra.Tests.Templates;

/// <summary>
/// Every .bicep file under infra/ compiled in one Bicep run, shared by the tests that read the ARM JSON of
/// main.bicep and by <see cref="BicepFilesCompileCleanlyTests"/>, which checks each file's share of the run.
/// </summary>
public sealed class CompiledMainTemplate : IAsyncLifetime
{
    private BicepFolderBuild? infra;
    private ArmTemplate? template;

    internal BicepFolderBuild Infra => infra ?? throw new InvalidOperationException("infra/ was not compiled.");

    internal ArmTemplate Template => template ?? throw new InvalidOperationException("main.bicep was not compiled.");

    public async Task InitializeAsync()
    {
        infra = await BicepFolderBuild.RunAsync(RepositoryPaths.Infra);
        var main = infra.For(Path.GetRelativePath(RepositoryPaths.Infra, RepositoryPaths.MainTemplate));

        // Warnings are BicepFilesCompileCleanlyTests' business; the template tests only need main.bicep to compile.
        if (main.CompiledJson is not null)
        {
            template = ArmTemplate.Parse(main.CompiledJson);
        }
    }

    public Task DisposeAsync()
    {
        infra?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class CompiledMainTemplateCollection : ICollectionFixture<CompiledMainTemplate>
{
    public const string Name = "compiled main.bicep";
}
