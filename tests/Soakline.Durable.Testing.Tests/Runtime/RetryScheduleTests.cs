using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing;

namespace Soakline.Durable.Testing.Tests.Runtime;

/// <summary>Retry back-off on the fake clock: exact attempt times, with each interval capped by maxRetryInterval.</summary>
public sealed class RetryScheduleTests
{
    [Fact]
    public async Task Backoff_grows_by_the_coefficient_and_is_capped_by_the_maximum_interval()
    {
        var start = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var attemptTimes = new ConcurrentQueue<DateTimeOffset>();
        var policy = new RetryPolicy(4, TimeSpan.FromMinutes(1), backoffCoefficient: 10, maxRetryInterval: TimeSpan.FromMinutes(5));
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("Unreliable", (_, _) =>
                {
                    attemptTimes.Enqueue(clock.GetUtcNow());
                    return FailWith(new TimeoutException("still down"));
                })
                .AddOrchestratorFunc<string>("Retries", async ctx =>
                {
                    try
                    {
                        await ctx.CallActivityAsync<int>("Unreliable", 0, TaskOptions.FromRetryPolicy(policy));
                        return "succeeded";
                    }
                    catch (TaskFailedException)
                    {
                        return "gave up";
                    }
                }),
            new DurableTaskTestHostOptions { TimeProvider = clock });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retries");
        var done = await host.RunUntilCompletedAsync(id);

        Assert.Equal("gave up", done.ReadOutputAs<string>());
        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(11)],
            attemptTimes.Select(t => t - start).ToArray());
    }

    private static int FailWith(Exception exception) => throw exception;
}
