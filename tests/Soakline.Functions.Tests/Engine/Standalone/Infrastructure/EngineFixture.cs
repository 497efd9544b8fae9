using Soakline.Demo.Kit.Processes;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

/// <summary>
/// One Azurite and one engine host (worker and client on one task hub, running <see cref="TestTasks"/>) shared by the
/// engine tests. Tests that need their own hosts (restart, two processes) take the Azurite and a hub of their own.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    private AzuriteServer? _azurite;
    private EngineHost? _host;

    public AzuriteServer Azurite => _azurite ?? throw new InvalidOperationException("The fixture has not started.");

    public EngineHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public string TaskHub { get; } = NewTaskHubName();

    /// <summary>A task hub name no other test uses (letters and digits, starting with a letter).</summary>
    public static string NewTaskHubName() => $"t{Guid.NewGuid():N}"[..16];

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _host = await EngineHost.StartAsync(_azurite.ConnectionString, TaskHub, TestTasks.Register, TestTasks.AddServices);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
