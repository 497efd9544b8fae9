using Azure;
using Soakline.Durable.AzureStorage.Messaging;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// A received activity request's hold on its queue message. While the activity runs, the message's invisibility is
/// extended every half timeout, so a long activity is not handed to a second worker; each extension returns a new
/// pop receipt, which completion and abandonment then use.
/// </summary>
internal sealed class WorkItemLease : IAsyncDisposable
{
    private readonly TaskHubQueues _queues;
    private readonly TimeSpan _visibilityTimeout;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private string _popReceipt;

    public WorkItemLease(TaskHubQueues queues, string queueMessageId, string popReceipt, TimeSpan visibilityTimeout)
    {
        _queues = queues;
        QueueMessageId = queueMessageId;
        _popReceipt = popReceipt;
        _visibilityTimeout = visibilityTimeout;
        _renewal = RenewAsync(_stop.Token);
    }

    public string QueueMessageId { get; }

    /// <summary>Stops renewing and returns the current pop receipt.</summary>
    public async Task<string> EndAsync()
    {
        await DisposeAsync();
        return Volatile.Read(ref _popReceipt);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _renewal;
        _stop.Dispose();
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        var interval = _visibilityTimeout / 2;
        while (true)
        {
            try
            {
                await Task.Delay(interval, stop);
                var receipt = await _queues.Work.UpdateMessageAsync(QueueMessageId, Volatile.Read(ref _popReceipt), visibilityTimeout: _visibilityTimeout, cancellationToken: stop);
                Volatile.Write(ref _popReceipt, receipt.Value.PopReceipt);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RequestFailedException)
            {
                return; // The receipt went stale (storage lost it or another worker has the message): stop renewing.
            }
        }
    }
}
