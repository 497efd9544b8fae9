using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Soakline.Durable.AzureStorage.Messaging;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// One queue receiver shared by all the loops of a poller: one loop at a time calls the queue for everybody, the
/// others wait until it has delivered (or the polling interval passes). An empty poll backs off from 10 ms to the
/// configured maximum, and a send from this process (<paramref name="wake"/>) cuts the wait short. One caller per queue
/// keeps the number of storage transactions down: idle loops would otherwise all poll an empty queue.
/// </summary>
internal sealed class SharedQueueReceiver(QueueClient queue, AsyncSignal wake, TimeSpan visibilityTimeout, TimeSpan maxPollingInterval)
{
    private readonly AdaptiveBackoff _backoff = new(maxPollingInterval);
    private int _receiving; // 1 while one loop receives for all of them

    /// <summary>
    /// Receives up to <paramref name="count"/> messages and hands each to <paramref name="accept"/>; or, when another
    /// loop is receiving, waits for <paramref name="othersDelivered"/>.
    /// </summary>
    /// <returns>True when this call received messages and accepted them all.</returns>
    public async Task<bool> ReceiveOrWaitAsync(int count, Task othersDelivered, Func<QueueMessage, CancellationToken, Task> accept, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _receiving, 1, 0) != 0)
        {
            await AsyncSignal.WaitAsync(othersDelivered, maxPollingInterval, cancellationToken);
            return false;
        }

        try
        {
            var woken = wake.Current;
            QueueMessage[] received = (await queue.ReceiveMessagesAsync(count, visibilityTimeout, cancellationToken)).Value;
            if (received.Length == 0)
            {
                await AsyncSignal.WaitAsync(woken, _backoff.NextDelay(), cancellationToken);
                return false;
            }

            _backoff.Reset();
            foreach (var message in received)
            {
                await accept(message, cancellationToken);
            }

            return true;
        }
        finally
        {
            Volatile.Write(ref _receiving, 0);
        }
    }
}
