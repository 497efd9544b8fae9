using Microsoft.Extensions.Logging;
using Soakline.Durable.AzureStorage.Table;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage;

/// <summary>
/// The engine's backend on Azure Storage: client operations on the task hub table and queues, and, when
/// <see cref="AzureStorageOptions.UsePollers"/> is on, the standalone pollers plus the outbox sweeper.
/// </summary>
public sealed class AzureStorageOrchestrationBackend : IOrchestrationBackend, IAsyncDisposable
{
    private readonly Runtime.AzureStorageTaskHub _hub;
    private readonly Runtime.ControlQueuePoller _control;
    private readonly Runtime.WorkQueuePoller _work;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startGate = new();
    private Task? _sweeper;
    private int _disposed;

    internal AzureStorageOrchestrationBackend(Runtime.AzureStorageTaskHub hub, ILoggerFactory loggerFactory)
    {
        _hub = hub;
        _control = new Runtime.ControlQueuePoller(hub, loggerFactory.CreateLogger<Runtime.ControlQueuePoller>());
        _work = new Runtime.WorkQueuePoller(hub, loggerFactory.CreateLogger<Runtime.WorkQueuePoller>());
    }

    public TaskHubNames Names => _hub.Clients.Names;

    public async Task CreateInstanceAsync(OrchestrationInstanceState state, OrchestrationMessage startMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(startMessage);
        await _hub.Clients.EnsureCreatedAsync(cancellationToken);
        var start = new OutboxEntry(OutboxQueue.Control, await _hub.Codec.EncodeAsync(startMessage, cancellationToken), startMessage.VisibleAt);
        var outboxKey = await _hub.Store.CreateAsync(state, start, cancellationToken);
        await _hub.Dispatcher.DispatchAsync(state.InstanceId, outboxKey, [start], CancellationToken.None);
    }

    public async Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _hub.Clients.EnsureCreatedAsync(cancellationToken);
        await _hub.Queues.SendControlAsync(await _hub.Codec.EncodeAsync(message, cancellationToken), message.VisibleAt, cancellationToken);
    }

    public async Task<OrchestrationInstanceState?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await _hub.Clients.EnsureCreatedAsync(cancellationToken);
        return (await _hub.Store.ReadAsync(instanceId, cancellationToken))?.State;
    }

    public async Task<Page<OrchestrationInstanceState>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        InstanceQueryPages.OffsetOf(query.ContinuationToken); // A bad token fails before any storage call.
        await _hub.Clients.EnsureCreatedAsync(cancellationToken);
        var matching = await _hub.Store.QueryAsync(query, cancellationToken);
        return InstanceQueryPages.Slice([.. matching], query);
    }

    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await _hub.Clients.EnsureCreatedAsync(cancellationToken);
        if (!await _hub.Store.PurgeAsync(instanceId, _hub.TimeProvider.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        await _hub.Payloads.DeleteInstanceBlobsAsync(instanceId, cancellationToken);
        return true;
    }

    public async Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        await StartWorkerAsync(cancellationToken);
        return await _control.LockNextAsync(cancellationToken);
    }

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        return _control.CompleteAsync(workItem, result);
    }

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return _control.AbandonAsync(workItem);
    }

    public async Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellationToken)
    {
        await StartWorkerAsync(cancellationToken);
        return await _work.LockNextAsync(cancellationToken);
    }

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        return _work.CompleteAsync(workItem, result);
    }

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return _work.AbandonAsync(workItem);
    }

    /// <summary>Re-sends outbox rows older than the outbox lease now, instead of at the next sweep.</summary>
    public async Task<int> SweepOutboxAsync(CancellationToken cancellationToken = default)
    {
        await _hub.Clients.EnsureCreatedAsync(cancellationToken);
        return await _hub.Sweeper.SweepOnceAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes it once per registration (the concrete type and IOrchestrationBackend).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_sweeper is { } sweeper)
        {
            await sweeper;
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// Creates the task hub and starts the sweeper the first time a worker loop asks for work. With queue triggers
    /// driving the handlers instead, the loops wait here until shutdown.
    /// </summary>
    private async Task StartWorkerAsync(CancellationToken cancellationToken)
    {
        await _hub.Clients.EnsureCreatedAsync(cancellationToken);
        lock (_startGate)
        {
            _sweeper ??= Task.Run(() => _hub.Sweeper.RunAsync(_stopping.Token), CancellationToken.None);
        }

        if (!_hub.Options.UsePollers)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
