using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Soakline.Durable.AzureStorage.Tests.Azurite;

/// <summary>A client only (no worker), as in a process that starts orchestrations while worker processes run them.</summary>
public sealed class ClientHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ClientHost(ServiceProvider services)
    {
        _services = services;
    }

    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();

    public static Task<ClientHost> StartAsync(string connectionString, string taskHubName)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.ClearProviders());
        services.AddDurableTaskClient(b => b.UseAzureStorage(connectionString, taskHubName));
        return Task.FromResult(new ClientHost(services.BuildServiceProvider()));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
