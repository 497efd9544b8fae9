using Soakline.Infra.Tests.Bicep;

namespace Soakline.Infra.Tests.Templates;

/// <summary>infra/main.bicep compiled once and shared by the tests that read the ARM JSON.</summary>
public sealed class CompiledMainTemplate : IAsyncLifetime
{
    private ArmTemplate? template;

    internal ArmTemplate Template => template ?? throw new InvalidOperationException("main.bicep was not compiled.");

    public async Task InitializeAsync()
    {
        var run = await BicepCli.BuildToStdoutAsync(RepositoryPaths.MainTemplate);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException(run.Describe());
        }

        template = ArmTemplate.Parse(run.StandardOutput);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class CompiledMainTemplateCollection : ICollectionFixture<CompiledMainTemplate>
{
    public const string Name = "compiled main.bicep";
}
