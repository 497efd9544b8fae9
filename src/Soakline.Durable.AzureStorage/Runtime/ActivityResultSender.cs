using Soakline.Durable.AzureStorage.Messaging;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// Sends activity results to the control queue, coalescing results for the same instance: while one send for an
/// instance is in flight, results that finish meanwhile wait and leave together in the next queue message. A single
/// result is sent at once (no added latency); a fan-in of 100 costs a handful of sends and deletes instead of 100.
/// Each caller's task completes only when its own result is in the queue, so its work message is deleted after that.
/// </summary>
internal sealed class ActivityResultSender
{
    private readonly QueueMessageCodec _codec;
    private readonly TaskHubQueues _queues;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(OrchestrationMessage Result, TaskCompletionSource Sent)>> _waiting = new(StringComparer.Ordinal);

    public ActivityResultSender(QueueMessageCodec codec, TaskHubQueues queues)
    {
        _codec = codec;
        _queues = queues;
    }

    public async Task SendAsync(OrchestrationMessage result)
    {
        var instanceId = result.TargetInstanceId;
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool ridesAlong;
        lock (_gate)
        {
            ridesAlong = _waiting.TryGetValue(instanceId, out var queue);
            if (ridesAlong)
            {
                queue!.Add((result, sent)); // A send is in flight: ride along with the next one.
            }
            else
            {
                _waiting[instanceId] = [];
            }
        }

        if (ridesAlong)
        {
            // Wait for the batch that carries this result: the caller deletes its work message after this returns,
            // and a crash between that delete and the send would lose the result for good.
            await sent.Task;
            return;
        }

        var batch = new List<(OrchestrationMessage Result, TaskCompletionSource Sent)> { (result, sent) };
        while (batch.Count > 0)
        {
            try
            {
                var text = await _codec.EncodeAsync([.. batch.Select(b => b.Result)], CancellationToken.None);
                await _queues.SendControlAsync(text, null, CancellationToken.None);
                batch.ForEach(b => b.Sent.TrySetResult());
            }
#pragma warning disable CA1031 // The failure goes to every caller whose result was in the batch.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                batch.ForEach(b => b.Sent.TrySetException(ex));
            }

            lock (_gate)
            {
                batch = _waiting[instanceId];
                if (batch.Count == 0)
                {
                    _waiting.Remove(instanceId);
                }
                else
                {
                    _waiting[instanceId] = [];
                }
            }
        }

        await sent.Task;
    }
}
