using Soakline.Durable.Testing;

namespace Soakline.Durable.Tests.Abstractions;

/// <summary>Bad arguments fail at once, naming what is wrong.</summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData(0, 1000, 1.0, null, null, "maxNumberOfAttempts")]
    [InlineData(3, 0, 1.0, null, null, "firstRetryInterval")]
    [InlineData(3, 1000, 0.5, null, null, "backoffCoefficient")]
    [InlineData(3, 1000, 1.0, 500, null, "maxRetryInterval")]
    [InlineData(3, 1000, 1.0, null, 500, "retryTimeout")]
    public void RetryPolicy_rejects_each_invalid_argument_by_name(int attempts, int firstMs, double coefficient, int? maxMs, int? timeoutMs, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(
            attempts,
            TimeSpan.FromMilliseconds(firstMs),
            coefficient,
            maxMs is null ? null : TimeSpan.FromMilliseconds(maxMs.Value),
            timeoutMs is null ? null : TimeSpan.FromMilliseconds(timeoutMs.Value)));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void RetryPolicy_defaults_match_the_sdk()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(1));

        Assert.Equal(1.0, policy.BackoffCoefficient);
        Assert.Equal(TimeSpan.FromHours(1), policy.MaxRetryInterval);
        Assert.Equal(Timeout.InfiniteTimeSpan, policy.RetryTimeout);
        Assert.True(policy.HandleFailure(new TaskFailureDetails("X", "y", null, null)));
    }

    [Fact]
    public void Registering_a_name_twice_is_an_error_and_names_are_case_insensitive()
    {
        var registry = new DurableTaskRegistry().AddActivityFunc<int, int>("Deploy", (_, x) => x);

        var error = Assert.Throws<ArgumentException>(() => registry.AddActivityFunc<int, int>("deploy", (_, x) => x));

        Assert.Contains("'deploy' is already registered", error.Message, StringComparison.Ordinal);
        Assert.Equal(new TaskName("Deploy"), new TaskName("DEPLOY"));
        Assert.NotEqual(new TaskName("Deploy", "1"), new TaskName("Deploy", "2"));
    }

    [Fact]
    public void Registering_a_type_that_is_not_a_task_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new DurableTaskRegistry().AddActivity(typeof(string)));

        Assert.Contains("System.String", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("release/main")]
    [InlineData("what?")]
    [InlineData("tab\there")]
    public async Task Invalid_instance_ids_are_rejected_before_anything_is_stored(string instanceId)
    {
        await using var host = await DurableTaskTestHost.StartAsync(r => r.AddOrchestratorFunc<string>("X", _ => Task.FromResult("x")));

        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("X", null, new StartOrchestrationOptions(instanceId)));

        var all = new List<OrchestrationMetadata>();
        await foreach (var item in host.Client.GetAllInstancesAsync())
        {
            all.Add(item);
        }

        Assert.Empty(all);
    }

    [Fact]
    public void TaskFailureDetails_capture_type_message_stack_and_cause()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("outer", new TimeoutException("inner"));
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var details = TaskFailureDetails.FromException(thrown);

        Assert.Equal("System.InvalidOperationException", details.ErrorType);
        Assert.Equal("outer", details.ErrorMessage);
        Assert.NotNull(details.StackTrace);
        Assert.Equal("System.TimeoutException", details.InnerFailureDetails!.ErrorType);
        Assert.True(details.IsCausedBy<InvalidOperationException>());
        Assert.True(details.IsCausedBy<SystemException>());
        Assert.False(details.IsCausedBy<TimeoutException>());
    }
}
