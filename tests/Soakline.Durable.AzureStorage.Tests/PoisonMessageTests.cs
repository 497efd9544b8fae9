using System.Text.Json;
using Azure.Storage.Queues;
using Soakline.Durable.AzureStorage.Messaging;
using Soakline.Durable.AzureStorage.Tests.Azurite;
using Soakline.Durable.Serialization;

namespace Soakline.Durable.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class PoisonMessageTests(AzuriteFixture azurite) : FreshTaskHubTests
{
    [Fact]
    public async Task A_message_that_always_throws_ends_in_the_poison_queue_and_fails_only_its_instance()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tune: o => o.MaxDequeueCount = 3, tasks: r => r
            .AddOrchestratorFunc<string, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("go")));
        var victim = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        var bystander = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await host.Client.WaitForInstanceStartAsync(victim);
        var names = TaskHubNames.For(Hub);
        var control = new QueueClient(azurite.ConnectionString, names.ControlQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        await control.SendMessageAsync(PoisonPayload.For(victim));
        await host.Client.RaiseEventAsync(bystander, "go", "fine");

        var failed = await Instances.WaitForTerminalAsync(host.Client, victim, TimeSpan.FromSeconds(30));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal("PoisonMessage", failed.FailureDetails!.ErrorType);
        Assert.Contains("moved to the poison queue", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("noSuchEvent", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);

        var poisonQueue = new QueueClient(azurite.ConnectionString, names.PoisonQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var quarantined = (await poisonQueue.ReceiveMessagesAsync(32)).Value;
        var record = JsonSerializer.Deserialize<PoisonRecord>(Assert.Single(quarantined).Body.ToString(), DurablePayloads.SerializerOptions)!;
        Assert.Equal(victim, record.InstanceId);
        Assert.Equal(names.ControlQueue, record.SourceQueue);
        Assert.Equal(PoisonPayload.For(victim), record.MessageText);

        var fine = await Instances.WaitForTerminalAsync(host.Client, bystander, TimeSpan.FromSeconds(30));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, fine.RuntimeStatus);
        Assert.Equal("fine", fine.ReadOutputAs<string>());
        Assert.Equal(0, (await control.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
