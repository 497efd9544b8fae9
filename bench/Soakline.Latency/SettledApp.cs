using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Soakline.Latency;

/// <summary>
/// Waits until the app has finished the work the previous scenario gave it, so each scenario is measured on a settled
/// app: every push the webhook accepted has had its pipeline started (no claim holding a push is left in the delivery
/// ledger) and the engine has nothing left to do (the task hub's control and work-item queues are empty, so every
/// pipeline started has ended). Without this wait the pushes of one scenario were started, and their pipelines ran,
/// during the next one, on the same cores and the same Azurite.
/// </summary>
/// <remarks>
/// Both reads are cheap on purpose (a partition query and one queue property read per queue, once a second): the
/// API's pipeline list reads every instance with its input, which with a thousand pipelines kept Azurite busy enough
/// to slow the pipelines being waited for. The ledger is read as docs/operations.md describes it (table
/// <c>{taskHub}Ledger</c>, partition <c>delivery</c>; <c>State</c> <c>claimed</c> is a delivery not handled yet, for a
/// push: its pipeline not started); the queues are the engine's <c>{taskhub}-control-NN</c> and
/// <c>{taskhub}-workitems</c>, whose message counts include messages being processed.
/// </remarks>
internal sealed class SettledApp(string storageConnectionString, string taskHub)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly TableClient _ledger = new TableServiceClient(storageConnectionString).GetTableClient(taskHub + "Ledger");
    private readonly QueueServiceClient _queues = new(storageConnectionString);
    private readonly string _queuePrefix = taskHub.ToLowerInvariant() + "-";

    /// <summary>
    /// Polls until settled; fails after <paramref name="limit"/> naming what was still outstanding. Returns how long it
    /// took and what was outstanding at the first look.
    /// </summary>
    public async Task<string> WaitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        Outstanding? first = null;
        while (true)
        {
            // The ledger first: once no push waits to be started, every accepted push's pipeline has its start
            // message in a control queue, so the queues read after it hold each pipeline not yet ended.
            var outstanding = new Outstanding(await PushesToStartAsync(cancellationToken), await EngineMessagesAsync(cancellationToken));
            first ??= outstanding;
            if (outstanding.IsNone)
            {
                return string.Create(CultureInfo.InvariantCulture, $"settled in {watch.Elapsed.TotalSeconds:0.0} s (when the wait began: {first})");
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"the app did not settle within {limit.TotalSeconds:0} s: still {outstanding}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private async Task<int> PushesToStartAsync(CancellationToken cancellationToken)
    {
        var pushes = 0;
        await foreach (var _ in _ledger.QueryAsync<TableEntity>("PartitionKey eq 'delivery' and State eq 'claimed'", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            pushes++;
        }

        return pushes;
    }

    private async Task<int> EngineMessagesAsync(CancellationToken cancellationToken)
    {
        var messages = 0;
        await foreach (var queue in _queues.GetQueuesAsync(prefix: _queuePrefix, cancellationToken: cancellationToken))
        {
            var properties = await _queues.GetQueueClient(queue.Name).GetPropertiesAsync(cancellationToken);
            messages += properties.Value.ApproximateMessagesCount;
        }

        return messages;
    }

    private sealed record Outstanding(int PushesToStart, int EngineMessages)
    {
        public bool IsNone => PushesToStart == 0 && EngineMessages == 0;

        public override string ToString() => $"{PushesToStart} accepted pushes not started, {EngineMessages} engine queue messages";
    }
}
