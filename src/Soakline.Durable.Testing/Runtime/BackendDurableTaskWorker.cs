using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Soakline.Durable.Testing.Runtime;

/// <summary>
/// The SDK worker (a hosted service) that drives an <see cref="IOrchestrationBackend"/>: it locks orchestration work
/// items and activity requests and processes up to the configured number of each at once
/// (<see cref="DurableTaskWorkerOptions.Concurrency"/>). The SDK builds it with <c>UseBuildTarget</c>, handing it the
/// factory of the tasks registered with <c>AddTasks</c>; payloads use <see cref="DurableTaskWorkerOptions.DataConverter"/>.
/// </summary>
public sealed class BackendDurableTaskWorker : DurableTaskWorker
{
    /// <summary>Pause after a backend error before asking again, so a storage outage is not a busy loop.</summary>
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(1);

    private readonly IOrchestrationBackend _backend;
    private readonly DurableTaskWorkerOptions.ConcurrencyOptions _concurrency;
    private readonly ILogger _logger;

    public BackendDurableTaskWorker(
        string name,
        IDurableTaskFactory factory,
        IOrchestrationBackend backend,
        IServiceProvider services,
        IOptionsMonitor<DurableTaskRegistry> registries,
        IOptionsMonitor<DurableTaskWorkerOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory = null)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(registries);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        loggerFactory ??= NullLoggerFactory.Instance;
        var workerOptions = options.Get(name);
        _backend = backend;
        _concurrency = workerOptions.Concurrency;
        _logger = loggerFactory.CreateLogger<BackendDurableTaskWorker>();

        // Tasks are created through the factory; the registry's names only make "no such task" errors helpful.
        var registry = registries.Get(name);
        Steps = new OrchestrationStepProcessor(
            factory, registry.GetOrchestrators().Select(o => o.Key.Name), services, workerOptions.DataConverter, timeProvider, loggerFactory);
        Activities = new ActivityExecutor(
            factory,
            registry.GetActivities().Select(a => a.Key.Name),
            services.GetRequiredService<IServiceScopeFactory>(),
            workerOptions.DataConverter,
            timeProvider,
            loggerFactory.CreateLogger<ActivityExecutor>());
    }

    /// <summary>Turns a locked batch of messages into the instance's next state (also used by hosts that receive messages themselves).</summary>
    public OrchestrationStepProcessor Steps { get; }

    /// <summary>Runs activity requests (also used by hosts that receive messages themselves).</summary>
    public ActivityExecutor Activities { get; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        Task.Run(() => DispatchAsync("orchestration", _concurrency.MaximumConcurrentOrchestrationWorkItems, _backend.LockNextOrchestrationWorkItemAsync, ProcessOrchestrationAsync, stoppingToken), CancellationToken.None),
        Task.Run(() => DispatchAsync("activity", _concurrency.MaximumConcurrentActivityWorkItems, _backend.LockNextActivityWorkItemAsync, ProcessActivityAsync, stoppingToken), CancellationToken.None));

    /// <summary>
    /// Locks one work item whenever a slot is free and processes it in the background; on shutdown, stops locking
    /// and waits for the work in hand (commits are not cancelled, activities are, and go back to the queue).
    /// </summary>
    private async Task DispatchAsync<TWorkItem>(
        string kind,
        int concurrency,
        Func<CancellationToken, Task<TWorkItem>> lockNext,
        Func<TWorkItem, CancellationToken, Task> process,
        CancellationToken stoppingToken)
    {
        var slots = Math.Max(1, concurrency);
        using var free = new SemaphoreSlim(slots);
        try
        {
            while (true)
            {
                await free.WaitAsync(stoppingToken);
                TWorkItem workItem;
                try
                {
                    workItem = await lockNext(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    free.Release();
                    break;
                }
#pragma warning disable CA1031 // The backend failed to hand out work (storage outage): log, back off, ask again.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    free.Release();
                    _logger.LogError(ex, "Locking the next {Kind} work item failed; retrying after {Backoff}.", kind, ErrorBackoff);
                    await Task.Delay(ErrorBackoff, stoppingToken);
                    continue;
                }

                _ = Task.Run(() => RunAndReleaseAsync(kind, workItem, process, free, stoppingToken), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: fall through and wait for the work in hand.
        }

        for (var i = 0; i < slots; i++)
        {
            await free.WaitAsync(CancellationToken.None);
        }
    }

    private async Task RunAndReleaseAsync<TWorkItem>(string kind, TWorkItem workItem, Func<TWorkItem, CancellationToken, Task> process, SemaphoreSlim free, CancellationToken stoppingToken)
    {
        try
        {
            await process(workItem, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The work item was handed back to the backend.
        }
#pragma warning disable CA1031 // One failed work item must not stop the worker; it is logged and the work redelivered.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "A {Kind} work item failed and was handed back; pausing {Backoff}.", kind, ErrorBackoff);
            await Task.Delay(ErrorBackoff, CancellationToken.None);
        }
        finally
        {
            free.Release();
        }
    }

    private async Task ProcessOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken stoppingToken)
    {
        OrchestrationStepResult result;
        try
        {
            result = Steps.Process(workItem);
        }
        catch
        {
            await _backend.AbandonOrchestrationWorkItemAsync(workItem, CancellationToken.None);
            throw;
        }

        // Not cancellable: a commit that has started is finished, so shutdown never leaves half a step behind.
        await _backend.CompleteOrchestrationWorkItemAsync(workItem, result, CancellationToken.None);
    }

    private async Task ProcessActivityAsync(ActivityWorkItem workItem, CancellationToken stoppingToken)
    {
        try
        {
            var result = await Activities.ExecuteAsync(workItem.Request, stoppingToken);
            await _backend.CompleteActivityWorkItemAsync(workItem, result, CancellationToken.None);
        }
        catch
        {
            await _backend.AbandonActivityWorkItemAsync(workItem, CancellationToken.None);
            throw;
        }
    }
}
