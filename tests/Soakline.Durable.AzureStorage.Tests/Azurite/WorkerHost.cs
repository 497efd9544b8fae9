using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Soakline.Durable.AzureStorage.TestWorker;

namespace Soakline.Durable.AzureStorage.Tests.Azurite;

/// <summary>An in-process worker and client on one task hub, as an app would configure them.</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkerHost(IHost host)
    {
        _host = host;
    }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public AzureStorageOrchestrationBackend Backend => _host.Services.GetRequiredService<AzureStorageOrchestrationBackend>();

    public IServiceProvider Services => _host.Services;

    public static async Task<WorkerHost> StartAsync(
        string connectionString,
        string taskHubName,
        string ranLogPath,
        Action<AzureStorageOptions>? tune = null,
        Action<DurableTaskRegistry>? tasks = null,
        string workerName = "in-process")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new RanLog(ranLogPath, workerName));
        void Configure(AzureStorageOptions o)
        {
            TestTasks.UseFastRecovery(o, connectionString, taskHubName);
            tune?.Invoke(o);
        }

        builder.Services.AddDurableTaskWorker(b => b.AddTasks(r =>
        {
            TestTasks.Register(r);
            tasks?.Invoke(r);
        }).UseAzureStorage(Configure));
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(Configure));
        var host = builder.Build();
        await host.StartAsync();
        return new WorkerHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
