using Azure;
using Azure.Storage.Queues;

namespace Soakline.Durable.AzureStorage.Messaging;

/// <summary>
/// Sends to the task hub's queues and wakes this process's pollers: at once for a message that is visible now, at
/// its due time for a delayed one (a durable timer), so in-process work never waits for the next poll.
/// </summary>
internal sealed class TaskHubQueues
{
    // Wake-ups further out than this are left to ordinary polling rather than held as timers in memory.
    private static readonly TimeSpan LongestLocalWake = TimeSpan.FromMinutes(10);

    // A local wake-up a little after the message becomes visible, so the poll that follows finds it.
    private static readonly TimeSpan WakeMargin = TimeSpan.FromMilliseconds(50);

    private readonly TaskHubClients _clients;
    private readonly AzureStorageOptions _options;
    private readonly TimeProvider _timeProvider;

    public TaskHubQueues(TaskHubClients clients, AzureStorageOptions options, TimeProvider timeProvider)
    {
        _clients = clients;
        _options = options;
        _timeProvider = timeProvider;
    }

    public AsyncSignal ControlWake { get; } = new();

    public AsyncSignal WorkWake { get; } = new();

    public QueueClient Control => _clients.ControlQueue;

    public QueueClient Work => _clients.WorkQueue;

    public QueueClient Poison => _clients.PoisonQueue;

    /// <summary>Sends a control message, hidden until <paramref name="visibleAt"/> or Azure's cap, whichever is sooner.</summary>
    public async Task SendControlAsync(string text, DateTimeOffset? visibleAt, CancellationToken cancellationToken)
    {
        var delay = visibleAt is { } at ? at - _timeProvider.GetUtcNow() : TimeSpan.Zero;
        if (delay > _options.MaxMessageDelay)
        {
            delay = _options.MaxMessageDelay; // The receiver sees it is early and re-arms it for the rest.
        }

        if (delay <= TimeSpan.Zero)
        {
            await Control.SendMessageAsync(text, cancellationToken: cancellationToken);
            ControlWake.Set();
            return;
        }

        // Queues count visibility in whole seconds: round down, and the receiver holds the message for the rest of
        // its delay (MessageIntake), so a 300 ms timer fires after 300 ms, not after a second.
        delay = TimeSpan.FromSeconds(Math.Floor(delay.TotalSeconds));
        await Control.SendMessageAsync(text, visibilityTimeout: delay, cancellationToken: cancellationToken);
        if (delay == TimeSpan.Zero)
        {
            ControlWake.Set();
            return;
        }

        if (delay <= LongestLocalWake)
        {
            _ = WakeControlLaterAsync(delay + WakeMargin);
        }
    }

    public async Task SendWorkAsync(string text, CancellationToken cancellationToken)
    {
        await Work.SendMessageAsync(text, cancellationToken: cancellationToken);
        WorkWake.Set();
    }

    /// <summary>Deletes a consumed message; one already gone (its receipt expired and another worker took it) is fine.</summary>
    public static async Task DeleteQuietlyAsync(QueueClient queue, string messageId, string popReceipt)
    {
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // The receipt went stale: the message was redelivered and its next receiver drops it as a duplicate.
        }
    }

    /// <summary>Makes a received message visible again after <paramref name="delay"/>, so it is retried.</summary>
    public static async Task ReleaseQuietlyAsync(QueueClient queue, string messageId, string popReceipt, TimeSpan delay)
    {
        try
        {
            await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: delay, cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Already visible again (its receipt went stale); nothing to release.
        }
    }

    private async Task WakeControlLaterAsync(TimeSpan delay)
    {
        await Task.Delay(delay, _timeProvider);
        ControlWake.Set();
    }
}
