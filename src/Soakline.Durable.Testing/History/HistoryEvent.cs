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
