using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing;

namespace Soakline.Durable.Testing.Tests.Testing;

/// <summary>The test host on a fake clock: timers wait for the test to move time, and long soaks cost no wall time.</summary>
public sealed class FakeTimeTests
{
    [Fact]
    public async Task A_timer_fires_only_when_the_fake_clock_reaches_it()
    {
        var clock = new FakeTimeProvider();
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string>("Soak", async ctx =>
            {
                await ctx.CreateTimer(TimeSpan.FromMinutes(30), CancellationToken.None);
                return "soaked";
            }),
            new DurableTaskTestHostOptions { TimeProvider = clock });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Soak");
        await host.WaitForIdleAsync();
        var beforeDue = await host.Client.GetInstanceAsync(id);
        clock.Advance(TimeSpan.FromMinutes(29));
        await host.WaitForIdleAsync();
        var oneMinuteEarly = await host.Client.GetInstanceAsync(id);
        clock.Advance(TimeSpan.FromMinutes(1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Running, beforeDue!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, oneMinuteEarly!.RuntimeStatus);
        Assert.Equal("soaked", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Four_canary_stages_with_thirty_minute_soaks_complete_on_the_fake_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("SetTraffic", (_, percent) => percent)
                .AddActivityFunc<int, bool>("Analyse", (_, _) => true)
                .AddOrchestratorFunc<string>("Canary", async ctx =>
                {
                    foreach (var percent in new[] { 5, 25, 50, 100 })
                    {
                        await ctx.CallActivityAsync<int>("SetTraffic", percent);
                        var soakEnds = ctx.CurrentUtcDateTime.AddMinutes(30);
                        while (ctx.CurrentUtcDateTime < soakEnds)
                        {
                            await ctx.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
                            await ctx.CallActivityAsync<bool>("Analyse", percent);
                        }
                    }

                    return $"promoted at {ctx.CurrentUtcDateTime:HH:mm}";
                }),
            new DurableTaskTestHostOptions { TimeProvider = clock });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Canary");
        var done = await host.RunUntilCompletedAsync(id);

        Assert.Equal("promoted at 11:00", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RunUntilCompleted_returns_the_waiting_instance_when_only_an_event_can_move_it()
    {
        var clock = new FakeTimeProvider();
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string>("NeedsApproval", ctx => ctx.WaitForExternalEvent<string>("approval")),
            new DurableTaskTestHostOptions { TimeProvider = clock });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("NeedsApproval");
        var waiting = await host.RunUntilCompletedAsync(id);
        await host.Client.RaiseEventAsync(id, "approval", "yes");
        var done = await host.RunUntilCompletedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.Equal("yes", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RunUntilCompleted_without_a_fake_clock_says_what_it_needs()
    {
        await using var host = await DurableTaskTestHost.StartAsync(r => r.AddOrchestratorFunc<string>("X", _ => Task.FromResult("x")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.RunUntilCompletedAsync("anything"));

        Assert.Contains("FakeTimeProvider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueAsNew_keeps_the_stored_history_small()
    {
        var clock = new FakeTimeProvider();
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("Tick", (_, x) => x + 1)
                .AddOrchestratorFunc<int, int>("Eternal", async (ctx, n) =>
                {
                    var next = await ctx.CallActivityAsync<int>("Tick", n);
                    await ctx.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
                    if (next < 50)
                    {
                        ctx.ContinueAsNew(next);
                    }

                    return next;
                }),
            new DurableTaskTestHostOptions { TimeProvider = clock });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Eternal", 0);
        var done = await host.RunUntilCompletedAsync(id);
        var state = await host.Backend.GetInstanceAsync(id, CancellationToken.None);

        Assert.Equal(50, done.ReadOutputAs<int>());
        Assert.True(state!.History.Count < 15, $"history has {state.History.Count} events after 50 generations");
    }
}
