using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Soakline.Durable.AzureStorage.Messaging;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// The standalone driver of the control queue: receives up to a batch of messages at a time (through a
/// <see cref="SharedQueueReceiver"/>), groups them per instance, and hands out one locked instance with all its
/// messages per work item.
/// </summary>
internal sealed class ControlQueuePoller
{
    private readonly AzureStorageTaskHub _hub;
    private readonly ControlMessageBuffer _buffer = new();
    private readonly SharedQueueReceiver _receiver;
    private readonly ILogger _logger;

    public ControlQueuePoller(AzureStorageTaskHub hub, ILogger logger)
    {
        _hub = hub;
        _logger = logger;
        _receiver = new SharedQueueReceiver(hub.Queues.Control, hub.Queues.ControlWake, hub.Options.ControlMessageVisibilityTimeout, hub.Options.MaxPollingInterval);
    }

    public async Task<OrchestrationWorkItem> LockNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bufferChanged = _buffer.Changed.Current;
            if (_buffer.TryTake(out var instanceId, out var batch))
            {
                LockedInstance? locked;
                try
                {
                    locked = await _hub.Locker.LockAsync(instanceId, cancellationToken);
                }
                catch
                {
                    _buffer.Finish(instanceId, batch);
                    throw;
                }

                if (locked is null)
                {
                    _buffer.Finish(instanceId, batch); // Still held elsewhere: try again later, without spending a dequeue.
                    continue;
                }

                return new OrchestrationWorkItem(instanceId, locked.State, [.. batch.Select(m => m.Message)])
                {
                    Lease = new ControlLease(locked, batch),
                };
            }

            await _receiver.ReceiveOrWaitAsync(_hub.Options.ControlBatchSize, bufferChanged, AcceptAsync, cancellationToken);
        }
    }

    public async Task CompleteAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result)
    {
        var lease = LeaseOf(workItem);
        bool committed;
        try
        {
            committed = await _hub.Committer.CommitAsync(lease.Locked, result, CancellationToken.None);
        }
        catch
        {
            _buffer.Finish(workItem.InstanceId, lease.Messages);
            throw;
        }

        if (!committed)
        {
            // Another worker advanced the instance: redo these messages against a fresh read.
            _logger.LogDebug("ETag conflict on {InstanceId}; reprocessing {Count} messages.", workItem.InstanceId, lease.Messages.Count);
            _buffer.Finish(workItem.InstanceId, lease.Messages);
            return;
        }

        _buffer.Finish(workItem.InstanceId, null);
        await Task.WhenAll(QueueMessagesOf(lease).Select(m => TaskHubQueues.DeleteQuietlyAsync(_hub.Queues.Control, m.QueueMessageId, m.PopReceipt)));
    }

    public async Task AbandonAsync(OrchestrationWorkItem workItem)
    {
        var lease = LeaseOf(workItem);
        await _hub.Locker.ReleaseAsync(lease.Locked);
        await Task.WhenAll(QueueMessagesOf(lease).Select(m => TaskHubQueues.ReleaseQuietlyAsync(_hub.Queues.Control, m.QueueMessageId, m.PopReceipt, _hub.Options.AbandonDelay)));
        _buffer.Finish(workItem.InstanceId, null);
    }

    // One queue message may carry several engine messages (coalesced results): act on each queue message once.
    private static IEnumerable<ReceivedControlMessage> QueueMessagesOf(ControlLease lease) =>
        lease.Messages.DistinctBy(m => m.QueueMessageId, StringComparer.Ordinal);

    private static ControlLease LeaseOf(OrchestrationWorkItem workItem) =>
        workItem.Lease as ControlLease ?? throw new ArgumentException("The work item was not issued by the Azure Storage backend.", nameof(workItem));

    private async Task AcceptAsync(QueueMessage queued, CancellationToken cancellationToken)
    {
        try
        {
            var accepted = await _hub.Intake.AcceptAsync<List<OrchestrationMessage>>(_hub.Clients.Names.ControlQueue, queued.Body.ToString(), queued.DequeueCount, cancellationToken);
            if (accepted is not { Body.Count: > 0 })
            {
                await TaskHubQueues.DeleteQuietlyAsync(_hub.Queues.Control, queued.MessageId, queued.PopReceipt);
                return;
            }

            if (accepted.HoldFor > TimeSpan.Zero)
            {
                _ = AddWhenDueAsync(queued, accepted, cancellationToken); // A timer a fraction of a second early.
                return;
            }

            AddToBuffer(queued, accepted.Body);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Control message {MessageId} failed (attempt {Attempt} of {Max}); it will be retried.", queued.MessageId, queued.DequeueCount, _hub.Options.MaxDequeueCount);
            await TaskHubQueues.ReleaseQuietlyAsync(_hub.Queues.Control, queued.MessageId, queued.PopReceipt, _hub.Options.AbandonDelay);
        }
    }

    private async Task AddWhenDueAsync(QueueMessage queued, AcceptedMessage<List<OrchestrationMessage>> accepted, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(accepted.HoldFor, _hub.TimeProvider, cancellationToken);
            AddToBuffer(queued, accepted.Body);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the message becomes visible again and another worker takes it.
        }
    }

    private void AddToBuffer(QueueMessage queued, List<OrchestrationMessage> messages)
    {
        foreach (var message in messages)
        {
            _buffer.Add(new ReceivedControlMessage(queued.MessageId, queued.PopReceipt, message));
        }
    }

    private sealed record ControlLease(LockedInstance Locked, IReadOnlyList<ReceivedControlMessage> Messages);
}
