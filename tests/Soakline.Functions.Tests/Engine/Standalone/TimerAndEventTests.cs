using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>Durable timers, external events and the client's control operations on a live instance.</summary>
[Collection(EngineCollection.Name)]
public sealed class TimerAndEventTests(EngineFixture fixture)
{
    private DurableTaskClient Client => fixture.Host.Client;

    [Fact]
    public async Task A_durable_timer_fires_and_the_orchestration_resumes_after_it()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 2.0);

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        // Azure Queues hide a message for whole seconds, so a timer may fire up to a second early (orchestration time
        // is the episode's start); nothing may rely on sub-second timer precision.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.InRange(done.ReadOutputAs<double>(), 1.0, 30.0);
    }

    [Fact]
    public async Task Events_raised_before_the_wait_are_kept_in_order()
    {
        var gate = Guid.NewGuid().ToString("N");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("EventsBeforeWait", gate);
        await Client.WaitForInstanceStartAsync(id, Eventually.Timeout());

        // The orchestration is stuck in its gate activity, so none of these can meet a waiting WaitForExternalEvent.
        foreach (var step in new[] { 1, 2, 3 })
        {
            await Client.RaiseEventAsync(id, "step", step);
        }

        await Eventually.MatchAsync(() => RaisedEventsInHistoryAsync(id), count => count == 3, "the three events in the instance's history");
        fixture.Host.Services.GetRequiredService<Gates>().Open(gate);
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([1, 2, 3], done.ReadOutputAs<int[]>()!);
    }

    [Fact]
    public async Task Waiting_for_an_event_with_a_timeout_ends_when_the_timeout_fires()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("EventWithTimeout");

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal("timed-out", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_burst_of_events_beyond_the_buffer_threshold_all_arrive()
    {
        const int Count = 300;
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("EventBurst", Count);

        await Parallel.ForEachAsync(
            Enumerable.Range(1, Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => await Client.RaiseEventAsync(id, "tick", i, ct));
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Count * (Count + 1) / 2, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Terminate_ends_a_waiting_instance_with_the_given_output()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("WaitForever");
        await Client.WaitForInstanceStartAsync(id, Eventually.Timeout());

        await Client.TerminateInstanceAsync(id, "stopped by test");
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("stopped by test", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_suspended_instance_holds_its_events_until_resumed()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("StatusThenWait");
        await Eventually.MatchAsync(() => Client.GetInstanceAsync(id, getInputsAndOutputs: true), m => m?.SerializedCustomStatus is not null, "the waiting status");

        await Client.SuspendInstanceAsync(id, "maintenance");
        var suspended = await Eventually.MatchAsync(
            () => Client.GetInstanceAsync(id), m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "the suspended status");
        await Client.RaiseEventAsync(id, "go", "after resume");
        await Client.ResumeInstanceAsync(id, "done");
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("after resume", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_for_a_missing_or_finished_instance_is_refused_not_dropped()
    {
        var missing = $"missing-{Guid.NewGuid():N}";
        var finished = await Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        await Client.WaitForInstanceCompletionAsync(finished, Eventually.Timeout());

        var noInstance = await Assert.ThrowsAsync<ArgumentException>(() => Client.RaiseEventAsync(missing, "go", "x"));
        var notRunning = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.RaiseEventAsync(finished, "go", "x"));

        Assert.Contains(missing, noInstance.Message, StringComparison.Ordinal);
        Assert.Contains("Completed", notRunning.Message, StringComparison.Ordinal);
    }

    /// <summary>EventRaised rows in the provider's history table: the events the instance has taken in.</summary>
    private async Task<int> RaisedEventsInHistoryAsync(string instanceId)
    {
        var history = new TableClient(fixture.Azurite.ConnectionString, $"{fixture.TaskHub}History");
        var count = 0;
        await foreach (var _ in history.QueryAsync<TableEntity>($"PartitionKey eq '{instanceId}' and EventType eq 'EventRaised'"))
        {
            count++;
        }

        return count;
    }
}
