using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Durable.AzureStorage.Tests.Azurite;
using Soakline.Durable.AzureStorage.TestWorker;

namespace Soakline.Durable.AzureStorage.Tests;

/// <summary>
/// The second driver: pollers off, and the test plays the Functions host, receiving queue messages itself and calling
/// <see cref="AzureStorageMessageHandler"/> for each, including duplicates and out-of-order deliveries.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueTriggerHandlerTests(AzuriteFixture azurite) : FreshTaskHubTests
{
    [Fact]
    public async Task Each_message_handled_once_completes_the_orchestration()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tune: o => o.UsePollers = false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TwentyStepOrchestration), "trigger");
        await host.Client.RaiseEventAsync(id, "go", "go");

        await PumpUntilTerminalAsync(host, id, deliveriesPerMessage: 1, reverseBatches: false);

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(0, Instances.AssertEveryStepAppliedOnce(done!, "trigger", RanLogPath));
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_deliveries_change_nothing()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tune: o => o.UsePollers = false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TwentyStepOrchestration), "dupes");
        await host.Client.RaiseEventAsync(id, "go", "go");
        var fan = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutOrchestration), 10);

        await PumpUntilTerminalAsync(host, id, deliveriesPerMessage: 2, reverseBatches: true);
        await PumpUntilTerminalAsync(host, fan, deliveriesPerMessage: 2, reverseBatches: true);

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var reruns = Instances.AssertEveryStepAppliedOnce(done!, "dupes", RanLogPath);
        Assert.True(reruns >= TestTasks.StepCount, $"every activity was delivered twice, so each ran twice; saw {reruns} extra runs");
        var fanned = await host.Client.GetInstanceAsync(fan, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, fanned!.RuntimeStatus);
        Assert.Equal(10, fanned.ReadOutputAs<List<string>>()!.Distinct().Count());
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_quarantined_on_its_last_allowed_attempt()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tune: o => (o.UsePollers, o.MaxDequeueCount) = (false, 3), tasks: r => r
            .AddOrchestratorFunc<string, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("go")));
        var handler = host.Services.GetRequiredService<AzureStorageMessageHandler>();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await PumpUntilAsync(host, () => host.Client.GetInstanceAsync(id), m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Running, 1, false);
        var poison = PoisonPayload.For(id);

        await Assert.ThrowsAsync<Messaging.InvalidQueueMessageException>(() => handler.HandleControlMessageAsync(poison, dequeueCount: 1));
        await Assert.ThrowsAsync<Messaging.InvalidQueueMessageException>(() => handler.HandleControlMessageAsync(poison, dequeueCount: 2));
        await handler.HandleControlMessageAsync(poison, dequeueCount: 3);

        var failed = await host.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed!.RuntimeStatus);
        Assert.Equal("PoisonMessage", failed.FailureDetails!.ErrorType);
        Assert.Contains("after 3 attempts", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_workers_handling_messages_for_one_instance_at_once_both_apply_theirs()
    {
        void Tasks(DurableTaskRegistry r) => r.AddOrchestratorFunc<string, string>("TwoEvents", async (ctx, _) =>
        {
            var a = ctx.WaitForExternalEvent<string>("a");
            var b = ctx.WaitForExternalEvent<string>("b");
            return string.Concat(await Task.WhenAll(a, b));
        });
        await using var first = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tune: o => o.UsePollers = false, tasks: Tasks, workerName: "first");
        await using var second = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tune: o => o.UsePollers = false, tasks: Tasks, workerName: "second");
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("TwoEvents");
        await PumpUntilAsync(first, () => first.Client.GetInstanceAsync(id), m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Running, 1, false);
        await first.Client.RaiseEventAsync(id, "a", "A");
        await first.Client.RaiseEventAsync(id, "b", "B");
        var control = first.Services.GetRequiredService<TaskHubClients>().ControlQueue;
        var events = (await control.ReceiveMessagesAsync(2, TimeSpan.FromSeconds(30))).Value;
        Assert.Equal(2, events.Length);

        // Both workers lock, step and commit the same instance concurrently: one waits for the lock or loses the
        // ETag race, reloads, and applies its event on top of the other's.
        await Task.WhenAll(
            first.Services.GetRequiredService<AzureStorageMessageHandler>().HandleControlMessageAsync(events[0].Body.ToString()),
            second.Services.GetRequiredService<AzureStorageMessageHandler>().HandleControlMessageAsync(events[1].Body.ToString()));

        var done = await first.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("AB", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_unreadable_work_message_on_its_last_attempt_fails_its_instance()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tune: o => (o.UsePollers, o.MaxDequeueCount) = (false, 2), tasks: r => r
            .AddOrchestratorFunc<string, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("go")));
        var handler = host.Services.GetRequiredService<AzureStorageMessageHandler>();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await PumpUntilAsync(host, () => host.Client.GetInstanceAsync(id), m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Running, 1, false);
        var badRequest = "{\"instanceId\":\"" + id + "\",\"messageId\":\"w1\",\"body\":{\"taskId\":\"not a number\"}}";

        await Assert.ThrowsAsync<Messaging.InvalidQueueMessageException>(() => handler.HandleWorkMessageAsync(badRequest, dequeueCount: 1));
        await handler.HandleWorkMessageAsync(badRequest, dequeueCount: 2);

        var failed = await host.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed!.RuntimeStatus);
        Assert.Equal("PoisonMessage", failed.FailureDetails!.ErrorType);
    }

    /// <summary>Receives from both queues and hands every message to the handler until the instance is terminal.</summary>
    private static Task PumpUntilTerminalAsync(WorkerHost host, string instanceId, int deliveriesPerMessage, bool reverseBatches) =>
        PumpUntilAsync(host, () => host.Client.GetInstanceAsync(instanceId), m => m?.IsCompleted == true, deliveriesPerMessage, reverseBatches);

    private static async Task PumpUntilAsync(
        WorkerHost host, Func<Task<OrchestrationMetadata?>> read, Func<OrchestrationMetadata?, bool> done, int deliveriesPerMessage, bool reverseBatches)
    {
        var handler = host.Services.GetRequiredService<AzureStorageMessageHandler>();
        var clients = host.Services.GetRequiredService<TaskHubClients>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done(await read()))
        {
            Assert.True(DateTime.UtcNow < deadline, "the orchestration did not finish within 60 s of pumping");
            var handled = await PumpOnceAsync(clients.ControlQueue, (text, count) => handler.HandleControlMessageAsync(text, count), deliveriesPerMessage, reverseBatches)
                + await PumpOnceAsync(clients.WorkQueue, (text, count) => handler.HandleWorkMessageAsync(text, count), deliveriesPerMessage, reverseBatches);
            if (handled == 0)
            {
                await Task.Delay(50); // Timers: wait for them to become visible.
            }
        }
    }

    private static async Task<int> PumpOnceAsync(QueueClient queue, Func<string, long, Task> handle, int deliveriesPerMessage, bool reverse)
    {
        var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value.ToList();
        if (reverse)
        {
            batch.Reverse();
        }

        foreach (var message in batch)
        {
            for (var i = 0; i < deliveriesPerMessage; i++)
            {
                await handle(message.Body.ToString(), message.DequeueCount);
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return batch.Count;
    }
}
