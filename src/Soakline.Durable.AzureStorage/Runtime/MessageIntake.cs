using System.Globalization;
using Soakline.Durable.AzureStorage.Messaging;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// The first look at a received queue message, the same for both drivers: quarantine it when it has failed too
/// often, re-arm a durable timer that Azure's 7-day cap delivered early, and read its body.
/// </summary>
internal sealed class MessageIntake
{
    // Early by less than this: the timer is held in memory rather than sent round the queue again.
    private static readonly TimeSpan LongestLocalHold = TimeSpan.FromSeconds(1);

    private readonly QueueMessageCodec _codec;
    private readonly TaskHubQueues _queues;
    private readonly PoisonMessageHandler _poison;
    private readonly AzureStorageOptions _options;
    private readonly TimeProvider _timeProvider;

    public MessageIntake(QueueMessageCodec codec, TaskHubQueues queues, PoisonMessageHandler poison, AzureStorageOptions options, TimeProvider timeProvider)
    {
        _codec = codec;
        _queues = queues;
        _poison = poison;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// The message's body when it is to be processed; null when it needs nothing more (quarantined, re-armed, or its
    /// payload was purged) and may be deleted. Throws when it cannot be read: the caller retries it later. A timer
    /// that arrived up to a second early (queues count delays in whole seconds) comes with the time still to wait.
    /// </summary>
    public async Task<AcceptedMessage<T>?> AcceptAsync<T>(string queueName, string messageText, long dequeueCount, CancellationToken cancellationToken)
        where T : class
    {
        QueueEnvelope envelope;
        try
        {
            envelope = QueueMessageCodec.ReadEnvelope(messageText);
        }
        catch (InvalidQueueMessageException ex) when (dequeueCount >= _options.MaxDequeueCount)
        {
            await _poison.QuarantineAsync(queueName, messageText, null, LastAttemptReason(dequeueCount, ex), cancellationToken);
            return null;
        }

        if (dequeueCount > _options.MaxDequeueCount)
        {
            var reason = string.Create(CultureInfo.InvariantCulture, $"Message {envelope.MessageId} was received {dequeueCount} times from '{queueName}' without being processed (limit {_options.MaxDequeueCount}); it was moved to the poison queue.");
            await _poison.QuarantineAsync(queueName, messageText, envelope.InstanceId, reason, cancellationToken);
            return null;
        }

        var early = envelope.VisibleAt is { } dueAt ? dueAt - _timeProvider.GetUtcNow() : TimeSpan.Zero;
        if (early >= LongestLocalHold)
        {
            await _queues.SendControlAsync(messageText, envelope.VisibleAt, cancellationToken); // Re-arm for the rest.
            return null;
        }

        try
        {
            return await _codec.ReadBodyAsync<T>(envelope, cancellationToken) is { } body
                ? new AcceptedMessage<T>(body, early > TimeSpan.Zero ? HoldUntilPast(early) : TimeSpan.Zero)
                : null;
        }
        catch (InvalidQueueMessageException ex) when (dequeueCount >= _options.MaxDequeueCount)
        {
            await _poison.QuarantineAsync(queueName, messageText, envelope.InstanceId, LastAttemptReason(dequeueCount, ex), cancellationToken);
            return null;
        }
    }

    /// <summary>
    /// Task.Delay counts whole milliseconds and drops the fraction, so holding for exactly the time left could let a
    /// timer fire a fraction of a millisecond before it is due; round up and add one tick of the clock to be past it.
    /// </summary>
    private static TimeSpan HoldUntilPast(TimeSpan early) => TimeSpan.FromMilliseconds(Math.Ceiling(early.TotalMilliseconds) + 1);

    private string LastAttemptReason(long dequeueCount, Exception ex) =>
        string.Create(CultureInfo.InvariantCulture, $"A message could not be read after {dequeueCount} attempts (limit {_options.MaxDequeueCount}); it was moved to the poison queue. {ex.Message}");
}

/// <summary>A received message to process, after waiting <paramref name="HoldFor"/> if it is a timer not quite due.</summary>
internal sealed record AcceptedMessage<T>(T Body, TimeSpan HoldFor);
