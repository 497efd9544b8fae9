using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Durable.AzureStorage.Runtime;
using Soakline.Durable.AzureStorage.Table;
using Soakline.Durable.AzureStorage.Tests.Azurite;
using Soakline.Durable.History;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class OutboxSweeperTests(AzuriteFixture azurite) : FreshTaskHubTests
{
    [Fact]
    public async Task A_step_committed_by_a_worker_that_died_before_sending_is_sent_by_the_sweeper()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tasks: r => r
            .AddOrchestratorFunc<string, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("go")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await host.Client.WaitForInstanceStartAsync(id);
        var hub = host.Services.GetRequiredService<AzureStorageTaskHub>();

        // Commit a step whose outbox carries the event, and then "die": never dispatch it.
        var locked = await hub.Locker.LockAsync(id, default);
        var stored = locked!.Stored!;
        var messageId = Guid.NewGuid().ToString("N");
        var message = new OrchestrationMessage(messageId, id, null, new EventRaised("go", "\"swept\"", messageId));
        var entry = new OutboxEntry(OutboxQueue.Control, await hub.Codec.EncodeAsync(message, default), null);
        var outboxKey = await hub.Store.CommitAsync(new StepWrite(stored.State, locked.LockETag, stored.HistoryGeneration, stored.HistoryChunks, [], [entry]), default);
        Assert.False(string.IsNullOrEmpty(outboxKey));
        var table = new TableClient(azurite.ConnectionString, hub.Clients.Names.Table);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(id, outboxKey)).HasValue);

        var done = await Instances.WaitForTerminalAsync(host.Client, id, TimeSpan.FromSeconds(20));

        Assert.Equal("swept", done.ReadOutputAs<string>());
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(id, outboxKey)).HasValue);
    }
}
