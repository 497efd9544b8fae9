using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Durable.Testing;

namespace Soakline.Durable.Testing.Tests.Runtime;

/// <summary>The worker runs activities in parallel up to its bound, and no further.</summary>
public sealed class WorkerConcurrencyTests
{
    [Fact]
    public async Task Activities_run_concurrently_up_to_the_configured_bound()
    {
        var running = 0;
        var peak = 0;
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("Busy", async (_, x) =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref peak, now);
                    if (now >= 2)
                    {
                        bothStarted.TrySetResult();
                    }

                    // Hold the slot until two activities run at once (the barrier proves the parallelism), then let
                    // go. A worker that runs one at a time never opens it: the activity fails at the deadline, and so
                    // does the test.
                    await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
                    Interlocked.Decrement(ref running);
                    return x;
                })
                .AddOrchestratorFunc<int>("Fan", async ctx => (await Task.WhenAll(Enumerable.Range(0, 12).Select(i => ctx.CallActivityAsync<int>("Busy", i)))).Sum()),
            new DurableTaskTestHostOptions { ConfigureWorker = o => o.Concurrency.MaximumConcurrentActivityWorkItems = 2 });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fan");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");

        Assert.Equal(66, done.ReadOutputAs<int>());
        Assert.Equal(2, peak);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
