using Azure.Data.Tables;
using Soakline.Durable.AzureStorage.Tests.Azurite;

namespace Soakline.Durable.AzureStorage.Tests;

/// <summary>The paths that replace history or create instances from inside a step, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InstanceLifecycleTests(AzuriteFixture azurite) : FreshTaskHubTests
{
    [Fact]
    public async Task ContinueAsNew_moves_history_to_a_new_generation_and_drops_the_old_rows()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tasks: r => r
            .AddActivityFunc<int, int>("Inc", (_, n) => n + 1)
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
            {
                var next = await ctx.CallActivityAsync<int>("Inc", n);
                if (next < 5)
                {
                    ctx.ContinueAsNew(next);
                }

                return next;
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        var done = await Instances.WaitForTerminalAsync(host.Client, id, TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(5, done.ReadOutputAs<int>());
        var table = new TableClient(azurite.ConnectionString, TaskHubNames.For(Hub).Table);
        var rows = table.Query<TableEntity>(e => e.PartitionKey == id).ToList();
        var instance = rows.Single(r => r.RowKey == "instance");
        var generation = instance.GetInt64("HistoryGeneration")!.Value;
        Assert.True(generation >= 4, $"four ContinueAsNew should have moved history on at least four times, not {generation}");
        var historyRows = rows.Where(r => r.RowKey.StartsWith("history|", StringComparison.Ordinal)).ToList();
        Assert.Equal(instance.GetInt32("HistoryChunks"), historyRows.Count);
        Assert.All(historyRows, r => Assert.StartsWith($"history|{generation:D19}|", r.RowKey, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("outbox|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sub_orchestration_is_created_by_its_parents_step_and_reports_back()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tasks: r => r
            .AddOrchestratorFunc<string, string>("Child", (_, s) => Task.FromResult(s + "!"))
            .AddOrchestratorFunc<string, string>("Parent", (ctx, s) =>
                ctx.CallSubOrchestratorAsync<string>("Child", s, new SubOrchestrationOptions(instanceId: "child-of-" + ctx.InstanceId))));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", "hi");
        var done = await Instances.WaitForTerminalAsync(host.Client, id, TimeSpan.FromSeconds(30));

        Assert.Equal("hi!", done.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync("child-of-" + id))!.RuntimeStatus);
    }

    [Fact]
    public async Task Suspend_holds_events_resume_releases_them_and_terminate_ends_the_instance()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tasks: r => r
            .AddOrchestratorFunc<string, string>("TwoEvents", async (ctx, _) =>
                await ctx.WaitForExternalEvent<string>("a") + await ctx.WaitForExternalEvent<string>("b")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoEvents");
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.SuspendInstanceAsync(id);
        await WaitForStatusAsync(host.Client, id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "a", "1");
        await host.Client.RaiseEventAsync(id, "b", "2");
        await Task.Delay(500);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id);
        Assert.Equal("12", (await Instances.WaitForTerminalAsync(host.Client, id, TimeSpan.FromSeconds(20))).ReadOutputAs<string>());

        var other = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoEvents");
        await host.Client.WaitForInstanceStartAsync(other);
        await host.Client.TerminateInstanceAsync(other, "stopped");
        var terminated = await Instances.WaitForTerminalAsync(host.Client, other, TimeSpan.FromSeconds(20));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
    }

    private static async Task WaitForStatusAsync(DurableTaskClient client, string id, OrchestrationRuntimeStatus status)
    {
        for (var i = 0; i < 200 && (await client.GetInstanceAsync(id))!.RuntimeStatus != status; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(status, (await client.GetInstanceAsync(id))!.RuntimeStatus);
    }
}
