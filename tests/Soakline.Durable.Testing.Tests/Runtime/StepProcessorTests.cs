using System.Diagnostics.CodeAnalysis;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing.History;
using Soakline.Durable.Testing.Runtime;
using Soakline.Durable.Testing.Serialization;

namespace Soakline.Durable.Testing.Tests.Runtime;

/// <summary>
/// The step processor on its own, fed hand-made batches: this is where "at least once delivery, exactly once
/// application" is decided, for every backend.
/// </summary>
public sealed class StepProcessorTests
{
    private const string InstanceId = "order-1";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly OrchestrationStepProcessor _processor;

    public StepProcessorTests()
    {
        var twoSteps = FuncTaskOrchestrator.Create<object?, int>(async (ctx, _) =>
        {
            var a = await ctx.CallActivityAsync<int>("Step", 1);
            var e = await ctx.WaitForExternalEvent<int>("bonus");
            var b = await ctx.CallActivityAsync<int>("Step", 2);
            return a + b + e;
        });
        _processor = new OrchestrationStepProcessor(
            new OneOrchestrator("TwoSteps", twoSteps), ["TwoSteps"], new ServiceCollection().BuildServiceProvider(), DurablePayloads.Converter, _clock, NullLoggerFactory.Instance);
    }

    [Fact]
    public void A_duplicated_activity_result_is_applied_once()
    {
        var (state, request) = StartAndGetFirstActivity();
        var result = Message(state, new TaskCompleted(request.TaskId, "10"));

        var step = _processor.Process(new OrchestrationWorkItem(InstanceId, state, [result, result with { MessageId = "redelivered" }]));

        Assert.Single(step.NewState!.History.OfType<TaskCompleted>());
        Assert.Empty(step.ActivityRequests);
    }

    [Fact]
    public void A_result_redelivered_in_a_later_batch_changes_nothing()
    {
        var (state, request) = StartAndGetFirstActivity();
        var result = Message(state, new TaskCompleted(request.TaskId, "10"));
        var afterFirst = _processor.Process(new OrchestrationWorkItem(InstanceId, state, [result])).NewState!;

        var again = _processor.Process(new OrchestrationWorkItem(InstanceId, afterFirst, [result]));

        Assert.Empty(again.AppendedHistory);
        Assert.Empty(again.ActivityRequests);
        Assert.Empty(again.OrchestrationMessages);
        Assert.Equal(afterFirst.History.Count, again.NewState!.History.Count);
    }

    [Fact]
    public void A_result_for_a_task_that_was_never_scheduled_is_dropped()
    {
        var (state, _) = StartAndGetFirstActivity();

        var step = _processor.Process(new OrchestrationWorkItem(InstanceId, state, [Message(state, new TaskCompleted(99, "1"))]));

        Assert.Empty(step.AppendedHistory);
    }

    [Fact]
    public void A_message_for_an_older_execution_is_dropped()
    {
        var (state, request) = StartAndGetFirstActivity();
        var stale = OrchestrationMessage.Create(InstanceId, "an-older-execution", new TaskCompleted(request.TaskId, "10"));

        var step = _processor.Process(new OrchestrationWorkItem(InstanceId, state, [stale]));

        Assert.Empty(step.AppendedHistory);
    }

    [Fact]
    public void A_redelivered_external_event_is_applied_once()
    {
        var (state, request) = StartAndGetFirstActivity();
        state = _processor.Process(new OrchestrationWorkItem(InstanceId, state, [Message(state, new TaskCompleted(request.TaskId, "10"))])).NewState!;
        var bonus = new OrchestrationMessage("event-1", InstanceId, null, new EventRaised("bonus", "5", "event-1"));

        var step = _processor.Process(new OrchestrationWorkItem(InstanceId, state, [bonus, bonus]));

        Assert.Single(step.NewState!.History.OfType<EventRaised>());
        Assert.Single(step.ActivityRequests);
    }

    [Fact]
    public void Events_that_arrive_before_the_start_are_held_and_then_delivered_in_order()
    {
        var pending = PendingState();
        var early = new OrchestrationMessage("event-early", InstanceId, null, new EventRaised("bonus", "7", "event-early"));

        var held = _processor.Process(new OrchestrationWorkItem(InstanceId, pending, [early]));
        Assert.Equal([early], held.NewState!.HeldMessages);
        Assert.Empty(held.AppendedHistory);

        var started = _processor.Process(new OrchestrationWorkItem(InstanceId, held.NewState, [StartMessage(pending)]));
        Assert.Empty(started.NewState!.HeldMessages);
        Assert.Single(started.NewState.History.OfType<EventRaised>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, started.NewState.Status);
    }

    [Fact]
    public void A_redelivered_start_does_not_restart_the_execution()
    {
        var pending = PendingState();
        var start = StartMessage(pending);
        var running = _processor.Process(new OrchestrationWorkItem(InstanceId, pending, [start])).NewState!;

        var again = _processor.Process(new OrchestrationWorkItem(InstanceId, running, [start]));

        Assert.Empty(again.AppendedHistory);
        Assert.False(again.HistoryReplaced);
        Assert.Empty(again.ActivityRequests);
    }

    [Fact]
    public void Every_step_starts_with_the_step_time_so_orchestration_time_is_recorded()
    {
        var (state, _) = StartAndGetFirstActivity();

        Assert.IsType<OrchestratorStarted>(state.History[0]);
        Assert.Equal(_clock.GetUtcNow(), state.History[0].Timestamp);
    }

    private (OrchestrationInstanceState State, ActivityRequest Request) StartAndGetFirstActivity()
    {
        var pending = PendingState();
        var step = _processor.Process(new OrchestrationWorkItem(InstanceId, pending, [StartMessage(pending)]));
        return (step.NewState!, Assert.Single(step.ActivityRequests));
    }

    private OrchestrationInstanceState PendingState() => new()
    {
        InstanceId = InstanceId,
        ExecutionId = "execution-1",
        Name = "TwoSteps",
        Status = OrchestrationRuntimeStatus.Pending,
        CreatedAt = _clock.GetUtcNow(),
        LastUpdatedAt = _clock.GetUtcNow(),
    };

    private static OrchestrationMessage StartMessage(OrchestrationInstanceState pending) =>
        new("start-1", InstanceId, pending.ExecutionId, new ExecutionStarted(pending.Name, null));

    private static OrchestrationMessage Message(OrchestrationInstanceState state, HistoryEvent e) =>
        OrchestrationMessage.Create(InstanceId, state.ExecutionId, e);

    /// <summary>The SDK's task factory for a single orchestrator (the processor takes orchestrators from a factory).</summary>
    private sealed class OneOrchestrator(TaskName name, ITaskOrchestrator orchestrator) : IDurableTaskFactory
    {
        public bool TryCreateActivity(TaskName name, IServiceProvider serviceProvider, [NotNullWhen(true)] out ITaskActivity? activity)
        {
            activity = null;
            return false;
        }

        public bool TryCreateOrchestrator(TaskName requested, IServiceProvider serviceProvider, [NotNullWhen(true)] out ITaskOrchestrator? created)
        {
            created = requested == name ? orchestrator : null;
            return created is not null;
        }
    }
}
