using Soakline.Durable.AzureStorage.Testing;

namespace Soakline.Durable.AzureStorage.Tests.Azurite;

/// <summary>One Azurite for the whole test assembly; each test isolates itself with its own task hub.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh task hub name, so tests sharing this Azurite never see each other's messages.</summary>
    public static string NewTaskHubName() => "t" + Guid.NewGuid().ToString("N")[..20];
}

/// <summary>The tests that share Azurite run one after the other (one of them restarts it).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
