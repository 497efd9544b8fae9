using Soakline.Durable.AzureStorage.Messaging;
using Soakline.Durable.AzureStorage.Outbox;
using Soakline.Durable.AzureStorage.Table;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// Commits a step computed by the step processor: its outgoing messages are encoded into one outbox row, written
/// with the new instance row and one history chunk in a single ETag-guarded transaction, then sent.
/// </summary>
internal sealed class StepCommitter
{
    private readonly InstanceStore _store;
    private readonly QueueMessageCodec _codec;
    private readonly OutboxDispatcher _dispatcher;
    private readonly InstanceLocker _locker;

    public StepCommitter(InstanceStore store, QueueMessageCodec codec, OutboxDispatcher dispatcher, InstanceLocker locker)
    {
        _store = store;
        _codec = codec;
        _dispatcher = dispatcher;
        _locker = locker;
    }

    /// <summary>True when committed (and its messages sent); false when the instance changed underneath: reload and redo.</summary>
    public async Task<bool> CommitAsync(LockedInstance locked, OrchestrationStepResult result, CancellationToken cancellationToken)
    {
        if (result.NewState is not { } newState)
        {
            await _locker.ReleaseAsync(locked); // Only dropped messages reached a missing instance.
            return true;
        }

        var outbox = new List<OutboxEntry>(result.OrchestrationMessages.Count + result.ActivityRequests.Count);
        foreach (var message in result.OrchestrationMessages)
        {
            outbox.Add(new OutboxEntry(OutboxQueue.Control, await _codec.EncodeAsync(message, cancellationToken), message.VisibleAt));
        }

        foreach (var request in result.ActivityRequests)
        {
            outbox.Add(new OutboxEntry(OutboxQueue.Work, await _codec.EncodeAsync(request, cancellationToken), null));
        }

        var stored = locked.Stored;
        // Replacing an empty history needs no new generation: there are no rows to leave behind.
        var replaced = result.HistoryReplaced && stored is { HistoryChunks: > 0 };
        var write = new StepWrite(
            newState,
            locked.LockETag ?? stored?.ETag,
            stored is null ? 0 : stored.HistoryGeneration + (replaced ? 1 : 0),
            result.HistoryReplaced || stored is null ? 0 : stored.HistoryChunks,
            result.HistoryReplaced ? newState.History : result.AppendedHistory,
            outbox);
        if (await _store.CommitAsync(write, cancellationToken) is not { } outboxKey)
        {
            return false;
        }

        if (outbox.Count > 0)
        {
            await _dispatcher.DispatchAsync(newState.InstanceId, outboxKey, outbox, CancellationToken.None);
        }

        if (replaced)
        {
            await _store.DeleteHistoryGenerationAsync(newState.InstanceId, stored!.HistoryGeneration, stored.HistoryChunks, CancellationToken.None);
        }

        return true;
    }
}
