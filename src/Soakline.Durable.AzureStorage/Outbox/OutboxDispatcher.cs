using Soakline.Durable.AzureStorage.Messaging;
using Soakline.Durable.AzureStorage.Table;

namespace Soakline.Durable.AzureStorage.Outbox;

/// <summary>
/// Sends a committed step's outbox and then deletes the outbox row. A crash in between leaves the row for the
/// sweeper, which sends it again: receivers drop what they already have.
/// </summary>
internal sealed class OutboxDispatcher
{
    private readonly TaskHubQueues _queues;
    private readonly InstanceStore _store;

    public OutboxDispatcher(TaskHubQueues queues, InstanceStore store)
    {
        _queues = queues;
        _store = store;
    }

    public async Task DispatchAsync(string instanceId, string rowKey, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        await Task.WhenAll(entries.Select(entry => entry.Queue == OutboxQueue.Work
            ? _queues.SendWorkAsync(entry.Text, cancellationToken)
            : _queues.SendControlAsync(entry.Text, entry.VisibleAt, cancellationToken)));
        await _store.DeleteOutboxRowAsync(instanceId, rowKey, cancellationToken);
    }
}
