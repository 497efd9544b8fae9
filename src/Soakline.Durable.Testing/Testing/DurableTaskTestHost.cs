using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing.InMemory;

namespace Soakline.Durable.Testing;

/// <summary>
/// An in-process worker and client for orchestrators written against the Durable Task SDK, on the in-memory backend,
/// for unit tests. Its entry point mirrors the SDK's in-process test host; unlike it, durable timers follow
/// <see cref="DurableTaskTestHostOptions.TimeProvider"/>, so with a fake clock <see cref="RunUntilCompletedAsync"/>
/// drives an orchestration through hours of timers in no wall time.
/// </summary>
public sealed class DurableTaskTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hostedServices;

    private DurableTaskTestHost(ServiceProvider services, IHostedService[] hostedServices)
    {
        _services = services;
        _hostedServices = hostedServices;
        Client = services.GetRequiredService<DurableTaskClient>();
        Backend = services.GetRequiredService<InMemoryOrchestrationBackend>();
        TimeProvider = services.GetRequiredService<TimeProvider>();
    }

    public DurableTaskClient Client { get; }

    public InMemoryOrchestrationBackend Backend { get; }

    public TimeProvider TimeProvider { get; }

    public IServiceProvider Services => _services;

    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> configure, DurableTaskTestHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        options ??= new DurableTaskTestHostOptions();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(options.TimeProvider ?? TimeProvider.System);
        options.ConfigureServices?.Invoke(services);
        services.AddDurableTaskWorker(builder =>
        {
            builder.AddTasks(configure).UseInMemory();
            if (options.ConfigureWorker is { } configureWorker)
            {
                builder.Configure(configureWorker);
            }
        });
        services.AddDurableTaskClient(builder => builder.UseInMemory());

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var hosted = provider.GetServices<IHostedService>().ToArray();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return new DurableTaskTestHost(provider, hosted);
    }

    /// <summary>Waits until no work is queued or running (everything waits on a timer, an event, or is done).</summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default) => Backend.WaitForIdleAsync(cancellationToken);

    /// <summary>
    /// Runs an instance to a terminal state, advancing the fake clock from timer to timer whenever the engine is idle.
    /// Returns early, not completed, when the instance waits for something other than time (an external event), or
    /// when <paramref name="maxVirtualTime"/> has passed.
    /// </summary>
    public async Task<OrchestrationMetadata> RunUntilCompletedAsync(string instanceId, TimeSpan? maxVirtualTime = null, CancellationToken cancellationToken = default)
    {
        if (TimeProvider is not FakeTimeProvider clock)
        {
            throw new InvalidOperationException("RunUntilCompletedAsync needs a FakeTimeProvider in DurableTaskTestHostOptions.TimeProvider.");
        }

        var deadline = clock.GetUtcNow() + (maxVirtualTime ?? TimeSpan.FromDays(30));
        while (true)
        {
            await WaitForIdleAsync(cancellationToken);
            var metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken)
                ?? throw new InvalidOperationException($"Instance '{instanceId}' does not exist.");
            if (metadata.IsCompleted || Backend.NextDueAt is not { } due || due > deadline)
            {
                return metadata;
            }

            clock.SetUtcNow(due > clock.GetUtcNow() ? due : clock.GetUtcNow());
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hostedServices.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
