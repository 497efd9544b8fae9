using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Soakline.Durable.AzureStorage.Messaging;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// The standalone driver of the work queue: one receiver per process takes as many activity requests as there are
/// idle activity loops (so a busy worker does not hoard work other workers could run), through a
/// <see cref="SharedQueueReceiver"/> like the control poller. A request's message stays hidden while its activity runs.
/// </summary>
internal sealed class WorkQueuePoller
{
    private const int MaxReceive = 32;

    private readonly AzureStorageTaskHub _hub;
    private readonly ConcurrentQueue<ActivityWorkItem> _received = new();
    private readonly AsyncSignal _receivedChanged = new();
    private readonly SharedQueueReceiver _receiver;
    private readonly ILogger _logger;
    private int _idleLoops;

    public WorkQueuePoller(AzureStorageTaskHub hub, ILogger logger)
    {
        _hub = hub;
        _logger = logger;
        _receiver = new SharedQueueReceiver(hub.Queues.Work, hub.Queues.WorkWake, hub.Options.WorkItemVisibilityTimeout, hub.Options.MaxPollingInterval);
    }

    public async Task<ActivityWorkItem> LockNextAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _idleLoops);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var changed = _receivedChanged.Current;
                if (_received.TryDequeue(out var item))
                {
                    return item;
                }

                await ReceiveOrWaitAsync(changed, cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _idleLoops);
        }
    }

    public async Task CompleteAsync(ActivityWorkItem workItem, OrchestrationMessage result)
    {
        var lease = LeaseOf(workItem);
        await _hub.Results.SendAsync(result);
        await TaskHubQueues.DeleteQuietlyAsync(_hub.Queues.Work, lease.QueueMessageId, await lease.EndAsync());
    }

    public async Task AbandonAsync(ActivityWorkItem workItem)
    {
        var lease = LeaseOf(workItem);
        await TaskHubQueues.ReleaseQuietlyAsync(_hub.Queues.Work, lease.QueueMessageId, await lease.EndAsync(), _hub.Options.AbandonDelay);
    }

    private static WorkItemLease LeaseOf(ActivityWorkItem workItem) =>
        workItem.Lease as WorkItemLease ?? throw new ArgumentException("The work item was not issued by the Azure Storage backend.", nameof(workItem));

    private async Task ReceiveOrWaitAsync(Task changed, CancellationToken cancellationToken)
    {
        // As many as there are loops waiting for work, so a busy worker leaves the rest to other workers.
        var wanted = Math.Clamp(Volatile.Read(ref _idleLoops) - _received.Count, 1, MaxReceive);
        if (await _receiver.ReceiveOrWaitAsync(wanted, changed, AcceptAsync, cancellationToken))
        {
            _receivedChanged.Set();
        }
    }

    private async Task AcceptAsync(QueueMessage queued, CancellationToken cancellationToken)
    {
        try
        {
            var request = (await _hub.Intake.AcceptAsync<ActivityRequest>(_hub.Clients.Names.WorkQueue, queued.Body.ToString(), queued.DequeueCount, cancellationToken))?.Body;
            if (request is null)
            {
                await TaskHubQueues.DeleteQuietlyAsync(_hub.Queues.Work, queued.MessageId, queued.PopReceipt);
                return;
            }

            var lease = new WorkItemLease(_hub.Queues, queued.MessageId, queued.PopReceipt, _hub.Options.WorkItemVisibilityTimeout);
            _received.Enqueue(new ActivityWorkItem(request) { Lease = lease });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Work message {MessageId} failed (attempt {Attempt} of {Max}); it will be retried.", queued.MessageId, queued.DequeueCount, _hub.Options.MaxDequeueCount);
            await TaskHubQueues.ReleaseQuietlyAsync(_hub.Queues.Work, queued.MessageId, queued.PopReceipt, _hub.Options.AbandonDelay);
        }
    }
}
