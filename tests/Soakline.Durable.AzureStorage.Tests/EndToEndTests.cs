using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Soakline.Durable.AzureStorage.Tests.Azurite;
using Soakline.Durable.AzureStorage.TestWorker;
using Soakline.Durable.Serialization;

namespace Soakline.Durable.AzureStorage.Tests;

/// <summary>The backend driven by its own pollers, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EndToEndTests(AzuriteFixture azurite) : FreshTaskHubTests
{
    [Fact]
    public async Task Twenty_steps_with_timers_and_an_event_complete_with_every_result_applied_once()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TwentyStepOrchestration), "e2e");
        await host.Client.RaiseEventAsync(id, "go", "go");
        var done = await Instances.WaitForTerminalAsync(host.Client, id, TimeSpan.FromSeconds(30));

        Assert.Equal(0, Instances.AssertEveryStepAppliedOnce(done, "e2e", RanLogPath));
    }

    [Fact]
    public async Task A_fan_out_of_100_applies_each_result_once()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutOrchestration), 100);
        var done = await Instances.WaitForTerminalAsync(host.Client, id, TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var results = DurablePayloads.Converter.Deserialize<List<string>>(done.SerializedOutput)!;
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"{id}:{i}"), results.Select(r => string.Join(':', r.Split(':')[..2])));
    }

    [Fact]
    public async Task Payloads_over_the_inline_limit_go_to_blobs_and_come_back_intact()
    {
        var big = new string('x', 200_000);
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tasks: r => r
            .AddActivityFunc<string, string>("Double", (_, s) => s + s)
            .AddOrchestratorFunc<string, int>("Big", async (ctx, s) => (await ctx.CallActivityAsync<string>("Double", s)).Length));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Big", big);
        var done = await Instances.WaitForTerminalAsync(host.Client, id, TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(400_000, done.ReadOutputAs<int>());
        Assert.Equal(big, done.ReadInputAs<string>());
        var container = new BlobContainerClient(azurite.ConnectionString, TaskHubNames.For(Hub).PayloadContainer);
        var blobs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, id + "/", default))
        {
            blobs.Add(blob.Name);
        }

        Assert.Contains(blobs, b => b.StartsWith($"{id}/message-", StringComparison.Ordinal));
        Assert.Contains(blobs, b => b.StartsWith($"{id}/events-", StringComparison.Ordinal));

        Assert.True(await host.Client.PurgeInstanceAsync(id) is { PurgedInstanceCount: 1 });
        Assert.Null(await host.Client.GetInstanceAsync(id));
        var left = 0;
        await foreach (var _ in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, id + "/", default))
        {
            left++;
        }

        Assert.Equal(0, left);
        var table = new TableClient(azurite.ConnectionString, TaskHubNames.For(Hub).Table);
        Assert.Empty(table.Query<TableEntity>(e => e.PartitionKey == id).ToList());
    }

    [Fact]
    public async Task A_timer_longer_than_the_queue_delay_cap_re_arms_and_fires_on_time()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tune: o => o.MaxMessageDelay = TimeSpan.FromSeconds(1), tasks: r => r
            .AddOrchestratorFunc<DateTime>("Sleeper", async ctx =>
            {
                var due = ctx.CurrentUtcDateTime.AddSeconds(3);
                await ctx.CreateTimer(due, CancellationToken.None);
                return due;
            }));

        var watch = Stopwatch.StartNew();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper");
        var done = await Instances.WaitForTerminalAsync(host.Client, id, TimeSpan.FromSeconds(20));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(3), $"fired after {watch.Elapsed}");
        Assert.True(done.LastUpdatedAt >= new DateTimeOffset(done.ReadOutputAs<DateTime>(), TimeSpan.Zero), "the timer fired before it was due");
    }

    [Fact]
    public async Task An_activity_longer_than_the_visibility_timeout_keeps_its_message_hidden_and_runs_once()
    {
        var runs = 0;
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tasks: r => r
            .AddActivityFunc<int, int>("Slow", async (_, n) =>
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(TimeSpan.FromSeconds(5)); // The test options hide a work message for 2 s at a time.
                return n;
            })
            .AddOrchestratorFunc<int, int>("CallSlow", (ctx, n) => ctx.CallActivityAsync<int>("Slow", n)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallSlow", 7);
        var done = await Instances.WaitForTerminalAsync(host.Client, id, TimeSpan.FromSeconds(30));

        Assert.Equal(7, done.ReadOutputAs<int>());
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Starting_a_live_instance_id_throws_and_a_finished_one_is_replaced()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tasks: r => r
            .AddOrchestratorFunc<string, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("go"))
            .AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult(s)));

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", null, new StartOrchestrationOptions("same"));
        await host.Client.WaitForInstanceStartAsync("same");
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions("same")));

        await host.Client.RaiseEventAsync("same", "go", "first");
        Assert.Equal("first", (await Instances.WaitForTerminalAsync(host.Client, "same", TimeSpan.FromSeconds(20))).ReadOutputAs<string>());
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "second", new StartOrchestrationOptions("same"));
        var second = await Instances.WaitForTerminalAsync(host.Client, "same", TimeSpan.FromSeconds(20));

        Assert.Equal("second", second.ReadOutputAs<string>());
        var states = await host.Backend.GetInstanceAsync("same", default);
        Assert.DoesNotContain(states!.History, e => e is History.EventRaised);
    }

    [Fact]
    public async Task Queries_filter_by_status_and_prefix()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tasks: r => r
            .AddOrchestratorFunc<string, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("go"))
            .AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult(s)));

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", null, new StartOrchestrationOptions("q-wait"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions("q-echo"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions("other"));
        await Instances.WaitForTerminalAsync(host.Client, "q-echo", TimeSpan.FromSeconds(20));
        await host.Client.WaitForInstanceStartAsync("q-wait");

        var running = new List<string>();
        await foreach (var m in host.Client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Running], InstanceIdPrefix: "q-")))
        {
            running.Add(m.InstanceId);
        }

        var all = new List<string>();
        await foreach (var m in host.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "q-", PageSize: 1)))
        {
            all.Add(m.InstanceId);
        }

        Assert.Equal(["q-wait"], running);
        Assert.Equal(["q-echo", "q-wait"], all.Order(StringComparer.Ordinal));
    }
}
