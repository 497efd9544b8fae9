using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>Retries follow the SDK's RetryPolicy, and failures reach the client as TaskFailureDetails.</summary>
[Collection(EngineCollection.Name)]
public sealed class FailureTests(EngineFixture fixture)
{
    private DurableTaskClient Client => fixture.Host.Client;

    [Fact]
    public async Task A_retry_policy_runs_a_failing_activity_again_until_it_succeeds()
    {
        var key = Guid.NewGuid().ToString("N");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Retrying", new FlakyRequest(key, Failures: 2, MaxAttempts: 3));

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task When_the_retries_run_out_the_orchestration_fails_with_the_activity_error()
    {
        var key = Guid.NewGuid().ToString("N");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Retrying", new FlakyRequest(key, Failures: 5, MaxAttempts: 2));

        var done = await Client.WaitForInstanceCompletionAsync(id, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(2, fixture.Host.Services.GetRequiredService<AttemptCounter>().Count(key));
        var failure = done.FailureDetails!;
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.InnerFailure!.ErrorType);
        Assert.Contains("attempt 2", failure.InnerFailure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activity_exception_reaches_the_client_as_failure_details()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("CallsExplode");

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.True(done.FailureDetails!.IsCausedBy<TaskFailedException>());
        Assert.Contains("Explode", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.True(done.FailureDetails.InnerFailure!.IsCausedBy<InvalidOperationException>());
        Assert.Equal("disk full on host-1", done.FailureDetails.InnerFailure.ErrorMessage);
        Assert.Null(done.SerializedOutput);
    }

    [Fact]
    public async Task An_orchestrator_exception_reaches_the_client_as_failure_details()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("ThrowsDirectly");

        var done = await Client.WaitForInstanceCompletionAsync(id, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Equal("bad pipeline spec", done.FailureDetails.ErrorMessage);
        Assert.NotNull(done.FailureDetails.StackTrace);
    }

    [Fact]
    public async Task An_orchestrator_that_cannot_be_constructed_fails_its_instance_instead_of_retrying_forever()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("BrokenConstructor");

        var done = await Client.WaitForInstanceCompletionAsync(id, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("'BrokenConstructor' could not be created", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(NeedsUnregisteredService), done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_activity_fails_the_orchestration_with_its_name()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("CallsUnknownActivity");

        var done = await Client.WaitForInstanceCompletionAsync(id, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var cause = done.FailureDetails!.InnerFailure!;
        Assert.Equal(typeof(TaskNotRegisteredException).FullName, cause.ErrorType);
        Assert.Contains("'NoSuchActivity'", cause.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Increment", cause.ErrorMessage, StringComparison.Ordinal);
    }
}
