using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>Durable timers: they delay by orchestration time, and a cancelled one never fires into the orchestration.</summary>
public abstract class TimerConformance(IDurableBackendFixture fixture) : ConformanceTestBase(fixture)
{
    [Fact]
    public async Task A_timer_resumes_the_orchestration_no_earlier_than_its_fire_time()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<double>("Sleeper", async ctx =>
            {
                var before = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
                return (ctx.CurrentUtcDateTime - before).TotalSeconds;
            }));

        var id = await StartAsync(host, "Sleeper");
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var earliest = 2.0 - Conventions.TimerEarliness.TotalSeconds;
        Assert.True(done.ReadOutputAs<double>() >= earliest, $"resumed after {done.ReadOutputAs<double>()} s, expected at least {earliest} s");
    }

    [Fact]
    public async Task A_timer_in_the_past_fires_at_once()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("PastTimer", async ctx =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(-5), CancellationToken.None);
                return "fired";
            }));

        var id = await StartAsync(host, "PastTimer");

        Assert.Equal("fired", (await CompletionOf(host, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_cancelled_timer_stays_cancelled_after_its_fire_time_and_replay_stays_consistent()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("CancelsTimer", async ctx =>
            {
                using var cts = new CancellationTokenSource();
                var cancelled = ctx.CreateTimer(TimeSpan.FromSeconds(1), cts.Token);
                cts.Cancel(); // Never CancelAsync in orchestrator code: its callbacks run on another thread.

                // Outlive the cancelled timer's fire time, with its TimerFired message delivered meanwhile.
                await ctx.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
                ctx.SetCustomStatus("after second timer");
                await ctx.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
                return cancelled.Status.ToString();
            }));

        var id = await StartAsync(host, "CancelsTimer");
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(nameof(TaskStatus.Canceled), done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_long_chain_of_timers_completes_and_keeps_orchestration_time_monotonic()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<bool>("Ticks", async ctx =>
            {
                var last = ctx.CurrentUtcDateTime;
                for (var i = 0; i < 3; i++)
                {
                    await ctx.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
                    if (ctx.CurrentUtcDateTime < last)
                    {
                        return false;
                    }

                    last = ctx.CurrentUtcDateTime;
                }

                return true;
            }));

        var id = await StartAsync(host, "Ticks");

        Assert.True((await CompletionOf(host, id)).ReadOutputAs<bool>());
    }
}
