using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>Activities: inputs and results, failures, fan-out/fan-in, unknown names, bad inputs.</summary>
public abstract class ActivityConformance(IDurableBackendFixture fixture) : ConformanceTestBase(fixture)
{
    [Fact]
    public async Task A_chain_of_activities_passes_each_result_to_the_next()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Double", (_, x) => x * 2)
            .AddActivityFunc<int, string>("Describe", (_, x) => $"value {x}")
            .AddOrchestratorFunc<int, string>("Chain", async (ctx, x) =>
            {
                var doubled = await ctx.CallActivityAsync<int>("Double", x);
                var again = await ctx.CallActivityAsync<int>("Double", doubled);
                return await ctx.CallActivityAsync<string>("Describe", again);
            }));

        var id = await StartAsync(host, "Chain", 5);
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("value 20", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_failed_activity_surfaces_as_TaskFailedException_with_its_details()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Explode", (_, why) => Throw<string>(new InvalidOperationException(why, new FormatException("root cause"))))
            .AddOrchestratorFunc<string, string>("CatchIt", async (ctx, why) =>
            {
                try
                {
                    await ctx.CallActivityAsync("Explode", why);
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}|{ex.FailureDetails.InnerFailure?.ErrorType}|{ex.FailureDetails.IsCausedBy<InvalidOperationException>()}";
                }
            }));

        var id = await StartAsync(host, "CatchIt", "disk full");
        var done = await CompletionOf(host, id);

        Assert.Equal("Explode|System.InvalidOperationException|disk full|System.FormatException|True", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_unhandled_activity_failure_fails_the_orchestration_with_the_cause()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Divide", (_, x) => 10 / x)
            .AddOrchestratorFunc<int, int>("Unhandled", (ctx, x) => ctx.CallActivityAsync<int>("Divide", x)));

        var id = await StartAsync(host, "Unhandled", 0);
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("Divide", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(DivideByZeroException).FullName, done.FailureDetails.InnerFailure!.ErrorType);
    }

    [Fact]
    public async Task An_unknown_activity_fails_the_instance_with_a_clear_error()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("CallsMissing", async ctx =>
            {
                await ctx.CallActivityAsync("NoSuchActivity");
                return "unreachable";
            }));

        var id = await StartAsync(host, "CallsMissing");
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("No activity named 'NoSuchActivity' is registered", done.FailureDetails!.InnerFailure!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activity_input_that_does_not_deserialize_fails_naming_the_target_type()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<DateTimeOffset, string>("NeedsDate", (_, d) => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .AddOrchestratorFunc<string>("SendsText", ctx => ctx.CallActivityAsync<string>("NeedsDate", "not a date")));

        var id = await StartAsync(host, "SendsText");
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("System.DateTimeOffset", done.FailureDetails!.InnerFailure!.ErrorMessage, StringComparison.Ordinal);
        if (Conventions.NamesTheTaskInInputErrors)
        {
            Assert.Contains("input of activity 'NeedsDate'", done.FailureDetails.InnerFailure.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Fan_out_and_fan_in_collects_every_result_in_order()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Square", (_, x) => x * x)
            .AddOrchestratorFunc<int, int[]>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                return await Task.WhenAll(tasks);
            }));

        var id = await StartAsync(host, "FanOut", 25);
        var done = await CompletionOf(host, id);

        Assert.Equal(Enumerable.Range(1, 25).Select(i => i * i), done.ReadOutputAs<int[]>()!);
    }

    [Fact]
    public async Task WhenAny_returns_the_first_activity_to_complete_and_the_orchestration_continues()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Echo", (_, s) => s)
            .AddOrchestratorFunc<string>("Race", async ctx =>
            {
                // A timer the orchestrator will not await is cancelled: the Durable Task Framework keeps an instance
                // running until every timer it created has fired or been cancelled.
                using var timeout = new CancellationTokenSource();
                var echo = ctx.CallActivityAsync<string>("Echo", "fast");
                var slow = ctx.CreateTimer(TimeSpan.FromHours(1), timeout.Token);
                var winner = await Task.WhenAny(echo, slow);
                timeout.Cancel();
                return winner == echo ? await echo : "timer";
            }));

        var id = await StartAsync(host, "Race");
        var done = await CompletionOf(host, id);

        Assert.Equal("fast", done.ReadOutputAs<string>());
    }
}
