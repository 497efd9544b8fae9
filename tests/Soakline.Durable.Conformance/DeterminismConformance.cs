using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>
/// Replay: deterministic GUIDs and time, IsReplaying, and the non-determinism check that catches an orchestrator
/// branching on the wall clock or on random GUIDs.
/// </summary>
public abstract class DeterminismConformance(IDurableBackendFixture fixture) : ConformanceTestBase(fixture)
{
    [Fact]
    public async Task Branching_on_Guid_NewGuid_is_caught_as_non_deterministic()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Work", (_, s) => s)
            .AddActivityFunc<string, string>("OtherWork", (_, s) => s)
            .AddOrchestratorFunc<string>("RandomBranch", async ctx =>
            {
                await ctx.CallActivityAsync<string>("Work", "first");
#pragma warning disable CA1508 // The point of this test is a branch that differs between replays.
                var pick = Guid.NewGuid().ToByteArray()[0] % 2 == 0 ? "Work" : "OtherWork";
#pragma warning restore CA1508
                await ctx.CallActivityAsync<string>(pick, Guid.NewGuid().ToString());
                await ctx.CallActivityAsync<string>($"Work-{Guid.NewGuid():N}", "third");
                return "unreachable";
            }));

        var id = await StartAsync(host, "RandomBranch");
        var done = await CompletionOf(host, id);

        AssertNonDeterministic(done, "RandomBranch");
    }

    [Fact]
    public async Task Branching_on_DateTime_UtcNow_is_caught_as_non_deterministic()
    {
        await using var host = await StartAsync(r => r
            // No pause needed in the activity: the 100 ms timer lies between the first run and the replays after it, so
            // the wall clock has moved by then.
            .AddActivityFunc<string, string>("Slow", (_, s) => s)
            .AddOrchestratorFunc<string>("ClockBranch", async ctx =>
            {
                var name = $"Slow-at-{DateTime.UtcNow.Ticks}";
                await ctx.CallActivityAsync<string>("Slow", "first");
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(100), CancellationToken.None);
                await ctx.CallActivityAsync<string>(name, "second");
                return "unreachable";
            }));

        var id = await StartAsync(host, "ClockBranch");
        var done = await CompletionOf(host, id);

        AssertNonDeterministic(done, "ClockBranch");
    }

    [Fact]
    public async Task NewGuid_and_CurrentUtcDateTime_are_the_same_on_every_replay()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Remember", (_, s) => s)
            .AddOrchestratorFunc<bool>("StableValues", async ctx =>
            {
                var guid = ctx.NewGuid();
                var time = ctx.CurrentUtcDateTime;
                var rememberedGuid = await ctx.CallActivityAsync<string>("Remember", guid.ToString());
                var rememberedTime = await ctx.CallActivityAsync<string>("Remember", time.ToString("O"));
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(100), CancellationToken.None);
                return rememberedGuid == guid.ToString() && rememberedTime == time.ToString("O") && ctx.NewGuid() != guid;
            }));

        var id = await StartAsync(host, "StableValues");

        Assert.True((await CompletionOf(host, id)).ReadOutputAs<bool>());
    }

    [Fact]
    public async Task IsReplaying_is_false_on_the_first_run_and_true_on_replays()
    {
        var observed = new ConcurrentQueue<bool>();
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Step", (_, x) => x)
            .AddOrchestratorFunc<int>("Observer", async ctx =>
            {
                observed.Enqueue(ctx.IsReplaying);
                for (var i = 0; i < 3; i++)
                {
                    await ctx.CallActivityAsync<int>("Step", i);
                }

                return 3;
            }));

        var id = await StartAsync(host, "Observer");
        await CompletionOf(host, id);

        Assert.Equal([false, true, true, true], observed.ToArray());
    }

    private void AssertNonDeterministic(OrchestrationMetadata done, string orchestrator)
    {
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(Conventions.NonDeterminismErrorType, done.FailureDetails!.ErrorType);
        var parts = Conventions.NonDeterminismMessageParts(orchestrator);
        Assert.NotEmpty(parts);
        Assert.All(parts, part => Assert.Contains(part, done.FailureDetails.ErrorMessage, StringComparison.Ordinal));
    }
}
