using System.Text.Json.Serialization;

namespace Soakline.Durable.Testing.History;

/// <summary>
/// One fact in an orchestration's event-sourced history. History is append-only; replaying it through the
/// orchestrator code rebuilds the orchestrator's state. Serialized with a "$type" discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(OrchestratorStarted), "orchestratorStarted")]
[JsonDerivedType(typeof(ExecutionStarted), "executionStarted")]
[JsonDerivedType(typeof(ExecutionCompleted), "executionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminated), "executionTerminated")]
[JsonDerivedType(typeof(ExecutionSuspended), "executionSuspended")]
[JsonDerivedType(typeof(ExecutionResumed), "executionResumed")]
[JsonDerivedType(typeof(TaskScheduled), "taskScheduled")]
[JsonDerivedType(typeof(TaskCompleted), "taskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "taskFailed")]
[JsonDerivedType(typeof(TimerCreated), "timerCreated")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(SubOrchestrationCreated), "subOrchestrationCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompleted), "subOrchestrationCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailed), "subOrchestrationFailed")]
[JsonDerivedType(typeof(EventRaised), "eventRaised")]
[JsonDerivedType(typeof(EventSent), "eventSent")]
public abstract record HistoryEvent
{
    /// <summary>When the event was recorded (the step's time for events the orchestrator caused).</summary>
    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>
/// An event that records an action the orchestrator took (schedule an activity, a timer, a sub-orchestration, send
/// an event). On replay each must match the action the code takes again with the same <see cref="TaskId"/>.
/// </summary>
public interface IActionEvent
{
    int TaskId { get; }

    string Describe();
}

/// <summary>An event that completes a task the orchestrator is awaiting, identified by the scheduling task id.</summary>
public interface ICompletionEvent
{
    int TaskScheduledId { get; }
}
