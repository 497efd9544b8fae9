using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Soakline.Durable.Bench;

/// <summary>
/// The raw storage cost under the engine, with no engine at all: one queue round trip (send a message, receive it,
/// delete it) and one table write (an upsert of a row with a small payload), each averaged over many repetitions.
/// An orchestration step costs several of each, so these are the floor the engine's figures stand on.
/// </summary>
internal static class StorageFloor
{
    public static async Task<(TimeSpan QueueRoundTrip, TimeSpan TableWrite)> MeasureAsync(string connectionString, int repetitions)
    {
        var name = "floor" + Guid.NewGuid().ToString("N")[..12];
        var table = new TableClient(connectionString, name);
        var queue = new QueueClient(connectionString, name);
        await table.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        var payload = new string('p', 400);

        // One warm-up round so connection setup is not counted.
        await RoundTripAsync(queue, payload);
        await table.UpsertEntityAsync(new TableEntity("warm", "up") { ["Payload"] = payload });

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < repetitions; i++)
        {
            await RoundTripAsync(queue, payload);
        }

        var queueRoundTrip = watch.Elapsed / repetitions;
        watch.Restart();
        for (var i = 0; i < repetitions; i++)
        {
            await table.UpsertEntityAsync(new TableEntity("instance", $"row{i:D6}") { ["Payload"] = payload });
        }

        var tableWrite = watch.Elapsed / repetitions;
        await table.DeleteAsync();
        await queue.DeleteAsync();
        return (queueRoundTrip, tableWrite);
    }

    private static async Task RoundTripAsync(QueueClient queue, string payload)
    {
        await queue.SendMessageAsync(payload);
        var received = (await queue.ReceiveMessagesAsync(1)).Value[0];
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
    }
}
