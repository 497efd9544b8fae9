using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

/// <summary>
/// A generic host running the standalone engine the way the app wires it (worker and client from the SDK's builders),
/// on one task hub of a test Azurite, tuned for quick tests.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineHost(IHost host, string workerId)
    {
        _host = host;
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Test tuning: empty queues are polled at least every 250 ms (the shipped 1 s would only slow the suite), leases are
    /// read every second so a second worker gets partitions quickly, and client waits re-read at least every 250 ms.
    /// </summary>
    internal static void TestTuning(StandaloneEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PartitionCount = 2;
        options.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(250);
        options.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
        options.LeaseInterval = TimeSpan.FromSeconds(5);
        options.ClientPollingMaxInterval = TimeSpan.FromMilliseconds(250);
    }

    /// <summary>Starts a host with a worker running <paramref name="tasks"/> and a client, both on <paramref name="taskHub"/>.</summary>
    internal static Task<EngineHost> StartAsync(
        string connectionString,
        string taskHub,
        Action<DurableTaskRegistry> tasks,
        Action<IServiceCollection>? services = null,
        Action<StandaloneEngineOptions>? tune = null) =>
        StartAsync(connectionString, taskHub, tasks, withWorker: true, services, tune);

    /// <summary>Starts a host with only a client (no worker, so an empty registry) on <paramref name="taskHub"/>.</summary>
    internal static Task<EngineHost> StartClientOnlyAsync(string connectionString, string taskHub, Action<StandaloneEngineOptions>? tune = null) =>
        StartAsync(connectionString, taskHub, _ => { }, withWorker: false, services: null, tune);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static async Task<EngineHost> StartAsync(
        string connectionString,
        string taskHub,
        Action<DurableTaskRegistry> tasks,
        bool withWorker,
        Action<IServiceCollection>? services,
        Action<StandaloneEngineOptions>? tune)
    {
        var workerId = $"test-{Guid.NewGuid():N}"[..13];
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new WorkerIdentity(workerId));
        builder.Services.AddStandaloneDurableEngine(options =>
        {
            options.TaskHubName = taskHub;
            options.ConnectionString = connectionString;
            options.WorkerId = workerId;
            TestTuning(options);
            tune?.Invoke(options);
        });
        if (withWorker)
        {
            builder.Services.AddDurableTaskWorker(b => b.AddTasks(tasks).UseStandaloneEngine());
        }

        builder.Services.AddDurableTaskClient(b => b.UseStandaloneEngine());
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(host, workerId);
    }
}
