namespace Soakline.Durable.AzureStorage.Messaging;

/// <summary>
/// Received control messages grouped by instance, so that one step consumes everything this process holds for an
/// instance (a fan-in's results arrive as one batch), and one instance is worked on by one loop at a time here.
/// Messages arriving for an instance that is being processed wait for the next batch.
/// </summary>
internal sealed class ControlMessageBuffer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ReceivedControlMessage>> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);
    private readonly Queue<string> _ready = new();

    /// <summary>Set whenever a batch may have become ready.</summary>
    public AsyncSignal Changed { get; } = new();

    public void Add(ReceivedControlMessage message)
    {
        var instanceId = message.Message.TargetInstanceId;
        lock (_gate)
        {
            if (!_pending.TryGetValue(instanceId, out var list))
            {
                list = [];
                _pending[instanceId] = list;
            }

            list.Add(message);
            if (!_active.Contains(instanceId))
            {
                _ready.Enqueue(instanceId);
            }
        }

        Changed.Set();
    }

    /// <summary>Takes every message held for the next ready instance and marks that instance active.</summary>
    public bool TryTake(out string instanceId, out IReadOnlyList<ReceivedControlMessage> batch)
    {
        lock (_gate)
        {
            while (_ready.TryDequeue(out var candidate))
            {
                if (!_active.Contains(candidate) && _pending.Remove(candidate, out var messages) && messages.Count > 0)
                {
                    _active.Add(candidate);
                    instanceId = candidate;
                    batch = messages;
                    return true;
                }
            }
        }

        instanceId = string.Empty;
        batch = [];
        return false;
    }

    /// <summary>Ends the instance's batch; <paramref name="redo"/> goes back in front, to be processed again.</summary>
    public void Finish(string instanceId, IReadOnlyList<ReceivedControlMessage>? redo)
    {
        lock (_gate)
        {
            _active.Remove(instanceId);
            if (redo is { Count: > 0 })
            {
                if (!_pending.TryGetValue(instanceId, out var list))
                {
                    list = [];
                    _pending[instanceId] = list;
                }

                list.InsertRange(0, redo);
            }

            if (_pending.ContainsKey(instanceId))
            {
                _ready.Enqueue(instanceId);
            }
        }

        Changed.Set();
    }
}
