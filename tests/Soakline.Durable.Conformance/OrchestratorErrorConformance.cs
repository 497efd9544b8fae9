using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>How an orchestration fails: unknown names, bad inputs, exceptions from orchestrator code.</summary>
public abstract class OrchestratorErrorConformance(IDurableBackendFixture fixture) : ConformanceTestBase(fixture)
{
    public sealed record Deployment(string Environment, int Replicas);

    [Fact]
    public async Task An_unknown_orchestrator_fails_the_instance_with_a_clear_error()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string>("Known", _ => Task.FromResult("ok")));

        string message;
        if (Conventions.RefusesUnknownOrchestratorsAtStart)
        {
            message = (await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(host, "NotRegistered"))).Message;
        }
        else
        {
            var done = await CompletionOf(host, await StartAsync(host, "NotRegistered"));
            Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
            message = done.FailureDetails!.ErrorMessage;
        }

        Assert.Contains("No orchestrator named 'NotRegistered' is registered", message, StringComparison.Ordinal);
        Assert.Contains("Known", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_that_does_not_deserialize_fails_naming_the_target_type()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<Deployment, string>("Deploys", (_, d) => Task.FromResult(d.Environment)));

        var id = await StartAsync(host, "Deploys", new { environment = "prod", replicas = "many" });
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains(typeof(Deployment).FullName!, done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        if (Conventions.NamesTheTaskInInputErrors)
        {
            Assert.Contains("input of orchestrator 'Deploys'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_exception_in_orchestrator_code_fails_the_instance_with_its_details()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Throws", async ctx =>
            {
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(10), CancellationToken.None);
                throw new InvalidOperationException("release window closed");
            }));

        var id = await StartAsync(host, "Throws");
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Equal("release window closed", done.FailureDetails.ErrorMessage);
        Assert.NotNull(done.FailureDetails.StackTrace);
    }

    [Fact]
    public async Task Awaiting_a_non_durable_task_fails_the_instance_where_the_host_can_tell()
    {
        // Set once the orchestrator's continuation after the non-durable await has run: past that point nothing the
        // orchestrator does can still complete the instance on a host that cannot tell.
        var wokeUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Sleeps", async ctx =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
                wokeUp.TrySetResult();
                return "woke up";
            }));

        var id = await StartAsync(host, "Sleeps");
        if (Conventions.NonDurableAwaitErrorType is not { } errorType)
        {
            // The host cannot tell: the orchestrator's continuation runs outside any episode and the instance hangs.
            // That is why the fake-clock host, which can tell, is where orchestrator code is tested.
            // Once the continuation has run and the first episode is recorded (the instance left Pending), it stays Running.
            await wokeUp.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var recorded = await host.WaitUntilAsync(id, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, "record its first episode");
            Assert.Equal(OrchestrationRuntimeStatus.Running, recorded.RuntimeStatus);
            return;
        }

        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(errorType, done.FailureDetails!.ErrorType);
        Assert.Contains("Orchestrator 'Sleeps'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }
}
