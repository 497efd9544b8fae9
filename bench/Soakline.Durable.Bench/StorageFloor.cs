using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Soakline.Durable.Bench;

/// <summary>
/// The raw storage cost of one orchestration step, with no engine at all: receive a message, read the instance's
/// partition, commit a three-row batch guarded by the instance row's ETag, send one message, delete the received one.
/// </summary>
internal static class StorageFloor
{
    public static async Task<TimeSpan> MeasureStepAsync(string connectionString, int steps)
    {
        var name = "floor" + Guid.NewGuid().ToString("N")[..12];
        var table = new TableClient(connectionString, name);
        var queue = new QueueClient(connectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await table.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        const string Partition = "instance-1";
        await table.AddEntityAsync(new TableEntity(Partition, "instance") { ["Status"] = "Running" });
        var payload = new string('p', 400);
        await queue.SendMessageAsync(payload);

        // One warm-up round so connection setup is not counted.
        var watch = new Stopwatch();
        for (var step = -1; step < steps; step++)
        {
            if (step == 0)
            {
                watch.Start();
            }

            var received = (await queue.ReceiveMessagesAsync(1)).Value[0];
            ETag etag = default;
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition))
            {
                if (row.RowKey == "instance")
                {
                    etag = row.ETag;
                }
            }

            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(Partition, "instance") { ["Status"] = "Running", ["Step"] = step }, etag),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, $"history|{step + 1:D10}") { ["Events"] = payload }),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, $"outbox|{step + 1:D10}") { ["Entries"] = payload }),
            ]);
            await queue.SendMessageAsync(payload);
            await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
        }

        watch.Stop();
        await table.DeleteAsync();
        await queue.DeleteAsync();
        return watch.Elapsed / steps;
    }
}
