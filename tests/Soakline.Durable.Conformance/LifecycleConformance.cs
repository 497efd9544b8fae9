using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>Instance lifecycle: unique ids, restart after the end, terminate, suspend/resume, purge, delayed start.</summary>
public abstract class LifecycleConformance(IDurableBackendFixture fixture) : ConformanceTestBase(fixture)
{
    private static void RegisterWaiter(DurableTaskRegistry r) => r
        .AddActivityFunc<string, string>("Stamp", (_, s) => $"stamped {s}")
        .AddOrchestratorFunc<string, string>("Waiter", async (ctx, input) =>
        {
            ctx.SetCustomStatus("waiting");
            var value = await ctx.WaitForExternalEvent<string>("release");
            ctx.SetCustomStatus("released");
            return await ctx.CallActivityAsync<string>("Stamp", $"{input}/{value}");
        });

    [Fact]
    public async Task Starting_an_id_that_is_still_running_throws_InvalidOperationException()
    {
        await using var host = await StartAsync(RegisterWaiter);
        var id = await StartAsync(host, "Waiter", "first");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(host, "Waiter", "second", id));

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        await CustomStatusOf(host, id, "waiting");
        var metadata = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("first", metadata!.ReadInputAs<string>());
    }

    [Fact]
    public async Task A_finished_instance_id_can_be_started_again()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x)));
        var id = await StartAsync(host, "Echo", 1);
        await CompletionOf(host, id);

        await StartAsync(host, "Echo", 2, id);
        var second = await host.WaitUntilAsync(id, m => m.IsCompleted && m.ReadOutputAs<int>() == 2, "complete its second run");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
    }

    [Fact]
    public async Task Terminate_ends_a_running_instance_with_the_given_output_and_later_events_change_nothing()
    {
        await using var host = await StartAsync(RegisterWaiter);
        var id = await StartAsync(host, "Waiter", "x");
        await CustomStatusOf(host, id, "waiting");

        await host.Client.TerminateInstanceAsync(id, "stopped by operator");
        var terminated = await CompletionOf(host, id);
        if (Conventions.RefusesEventsForFinishedInstances)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RaiseEventAsync(id, "release", "too late"));
        }
        else
        {
            await host.Client.RaiseEventAsync(id, "release", "too late");
        }

        var after = await host.WaitUntilAsync(id, m => m.IsCompleted, "stay terminated");

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal("stopped by operator", terminated.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, after.RuntimeStatus);
        Assert.Equal("waiting", after.ReadCustomStatusAs<string>());
    }

    [Fact]
    public async Task A_suspended_instance_holds_its_events_until_resumed()
    {
        await using var host = await StartAsync(RegisterWaiter);
        var id = await StartAsync(host, "Waiter", "y");
        await CustomStatusOf(host, id, "waiting");

        await host.Client.SuspendInstanceAsync(id, "maintenance window");
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "be suspended");
        await host.Client.RaiseEventAsync(id, "release", "held");
        var stillSuspended = await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "stay suspended");
        Assert.Equal("waiting", stillSuspended.ReadCustomStatusAs<string>());

        await host.Client.ResumeInstanceAsync(id, "window over");
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("stamped y/held", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_removes_a_finished_instance_and_leaves_a_running_one()
    {
        await using var host = await StartAsync(RegisterWaiter);
        var running = await StartAsync(host, "Waiter", "r");
        await CustomStatusOf(host, running, "waiting");
        var finished = await StartAsync(host, "Waiter", "f");
        await CustomStatusOf(host, finished, "waiting");
        await host.Client.RaiseEventAsync(finished, "release", "now");
        await CompletionOf(host, finished);

        var purgedRunning = await host.Client.PurgeInstanceAsync(running);
        var purgedFinished = await host.Client.PurgeInstanceAsync(finished);
        var purgedUnknown = await host.Client.PurgeInstanceAsync(NewInstanceId("unknown"));

        Assert.Equal(0, purgedRunning.PurgedInstanceCount);
        Assert.Equal(1, purgedFinished.PurgedInstanceCount);
        Assert.Equal(0, purgedUnknown.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(finished));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task A_delayed_start_stays_pending_until_its_start_time()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string>("Later", _ => Task.FromResult("ran")));
        var probe = await StartAsync(host, "Later");
        var clockNow = (await CompletionOf(host, probe)).CreatedAt;

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Later", null, new StartOrchestrationOptions(NewInstanceId("later"), clockNow.AddSeconds(2)));
        var pending = await host.Client.GetInstanceAsync(id);
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.Equal("ran", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForInstanceStart_returns_once_the_instance_runs()
    {
        await using var host = await StartAsync(RegisterWaiter);
        var id = await StartAsync(host, "Waiter", "s");
        await CustomStatusOf(host, id, "waiting");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var started = await host.Client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        Assert.True(started.IsRunning);
        Assert.False(started.IsCompleted);
        Assert.Equal("s", started.ReadInputAs<string>());
    }
}
