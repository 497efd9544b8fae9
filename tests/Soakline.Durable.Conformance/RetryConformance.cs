using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Soakline.Durable.Conformance;

/// <summary>Retry policies: attempts with durable back-off, exhaustion, the retry timeout, selective handling; retry handlers.</summary>
public abstract class RetryConformance(IDurableBackendFixture fixture) : ConformanceTestBase(fixture)
{
    private static readonly RetryPolicy ThreeQuickAttempts = new(3, TimeSpan.FromMilliseconds(200), backoffCoefficient: 2);

    [Fact]
    public async Task A_flaky_activity_succeeds_within_its_attempts()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Flaky", (ctx, key) =>
            {
                var attempt = attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
                return attempt < 3 ? throw new TimeoutException($"attempt {attempt} timed out") : $"ok after {attempt}";
            })
            .AddOrchestratorFunc<string, string>("RetriesFlaky", (ctx, key) =>
                ctx.CallActivityAsync<string>("Flaky", key, TaskOptions.FromRetryPolicy(ThreeQuickAttempts))));

        var key = Guid.NewGuid().ToString();
        var id = await StartAsync(host, "RetriesFlaky", key);
        var done = await CompletionOf(host, id);

        Assert.Equal("ok after 3", done.ReadOutputAs<string>());
        Assert.Equal(3, attempts[key]);
    }

    [Fact]
    public async Task Exhausted_retries_surface_the_last_failure()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("AlwaysFails", (ctx, key) =>
                Throw<string>(new InvalidOperationException($"attempt {attempts.AddOrUpdate(key, 1, (_, n) => n + 1)} failed")))
            .AddOrchestratorFunc<string, string>("GivesUp", async (ctx, key) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("AlwaysFails", key, TaskOptions.FromRetryPolicy(ThreeQuickAttempts));
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            }));

        var key = Guid.NewGuid().ToString();
        var id = await StartAsync(host, "GivesUp", key);

        Assert.Equal("attempt 3 failed", (await CompletionOf(host, id)).ReadOutputAs<string>());
        Assert.Equal(3, attempts[key]);
    }

    [Fact]
    public async Task The_retry_timeout_stops_retrying_early()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), backoffCoefficient: 4, retryTimeout: TimeSpan.FromMilliseconds(2500));
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Fails", (ctx, key) =>
                Throw<string>(new InvalidOperationException($"attempt {attempts.AddOrUpdate(key, 1, (_, n) => n + 1)}")))
            .AddOrchestratorFunc<string, string>("TimesOut", async (ctx, key) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Fails", key, TaskOptions.FromRetryPolicy(policy));
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            }));

        var key = Guid.NewGuid().ToString();
        var id = await StartAsync(host, "TimesOut", key);
        await CompletionOf(host, id);

        // The Durable Task Framework checks the retry timeout when an attempt fails, not against the time the next
        // attempt would start. The 2nd attempt fails about 1 s after the first (0 to 1 s on a host whose timers fire
        // up to a second early, plus step latency): within the 2.5 s timeout, so a 3rd attempt is scheduled 4 s
        // later although it starts past the timeout. It fails past the timeout, and retrying stops there: 3 attempts,
        // not 10 (and not 2, which checking against the next start would give). The margins hold on a real clock.
        Assert.Equal(3, attempts[key]);
    }

    [Fact]
    public async Task HandleFailure_decides_which_failures_are_retried()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var onlyTimeouts = new RetryPolicy(5, TimeSpan.FromMilliseconds(100)) { HandleFailure = f => f.IsCausedBy<TimeoutException>() };
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Rejects", (ctx, key) =>
                Throw<string>(new UnauthorizedAccessException($"attempt {attempts.AddOrUpdate(key, 1, (_, n) => n + 1)}")))
            .AddOrchestratorFunc<string, string>("Selective", async (ctx, key) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Rejects", key, TaskOptions.FromRetryPolicy(onlyTimeouts));
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorType;
                }
            }));

        var key = Guid.NewGuid().ToString();
        var id = await StartAsync(host, "Selective", key);

        Assert.Equal(typeof(UnauthorizedAccessException).FullName, (await CompletionOf(host, id)).ReadOutputAs<string>());
        Assert.Equal(1, attempts[key]);
    }

    [Fact]
    public async Task A_retry_handler_sees_each_failure_and_decides_when_to_stop()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var seen = new ConcurrentQueue<string>();
        var upToThree = TaskOptions.FromRetryHandler(retry =>
        {
            seen.Enqueue($"{retry.LastAttemptNumber}:{retry.LastFailure.ErrorMessage}");
            return retry.LastAttemptNumber < 3;
        });
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Fails", (ctx, key) =>
                Throw<string>(new InvalidOperationException($"attempt {attempts.AddOrUpdate(key, 1, (_, n) => n + 1)}")))
            .AddOrchestratorFunc<string, string>("Handled", async (ctx, key) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Fails", key, upToThree);
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            }));

        var key = Guid.NewGuid().ToString();
        var id = await StartAsync(host, "Handled", key);

        Assert.Equal("attempt 3", (await CompletionOf(host, id)).ReadOutputAs<string>());
        Assert.Equal(3, attempts[key]);

        // The handler runs in orchestrator code, so it runs again on every replay: each decision shows up at least once.
        Assert.Equal(["1:attempt 1", "2:attempt 2", "3:attempt 3"], seen.Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_failing_sub_orchestration_is_retried()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, int>("Count", (ctx, key) => attempts.AddOrUpdate(key, 1, (_, n) => n + 1))
            .AddOrchestratorFunc<string, string>("FlakyChild", async (ctx, key) =>
            {
                var attempt = await ctx.CallActivityAsync<int>("Count", key);
                return attempt < 2 ? throw new InvalidOperationException("child failed") : $"child ok on {attempt}";
            })
            .AddOrchestratorFunc<string, string>("RetryingParent", (ctx, key) =>
                ctx.CallSubOrchestratorAsync<string>("FlakyChild", key, TaskOptions.FromRetryPolicy(ThreeQuickAttempts))));

        var key = Guid.NewGuid().ToString();
        var id = await StartAsync(host, "RetryingParent", key);

        Assert.Equal("child ok on 2", (await CompletionOf(host, id)).ReadOutputAs<string>());
    }
}
