using Soakline.Durable.Testing.History;

namespace Soakline.Durable.Testing.Replay;

/// <summary>
/// Something the orchestrator asked for during a step. New actions become history events plus outgoing messages;
/// on replay, each recorded action event must match the action the code takes again.
/// </summary>
internal abstract record OrchestratorAction(int TaskId)
{
    public abstract HistoryEvent ToHistoryEvent(DateTimeOffset timestamp);

    public abstract bool Matches(IActionEvent recorded);

    public abstract string Describe();
}

internal sealed record ScheduleActivityAction(int TaskId, string Name, string? Input) : OrchestratorAction(TaskId)
{
    public override HistoryEvent ToHistoryEvent(DateTimeOffset timestamp) => new TaskScheduled(TaskId, Name, Input) { Timestamp = timestamp };

    public override bool Matches(IActionEvent recorded) =>
        recorded is TaskScheduled scheduled && string.Equals(scheduled.Name, Name, StringComparison.OrdinalIgnoreCase);

    public override string Describe() => $"CallActivity #{TaskId} (activity '{Name}')";
}

internal sealed record CreateTimerAction(int TaskId, DateTimeOffset FireAt) : OrchestratorAction(TaskId)
{
    public override HistoryEvent ToHistoryEvent(DateTimeOffset timestamp) => new TimerCreated(TaskId, FireAt) { Timestamp = timestamp };

    // The fire time is not compared: a timer computed from CurrentUtcDateTime is identical on replay, and a retry
    // delay policy change between deployments should not fail running instances.
    public override bool Matches(IActionEvent recorded) => recorded is TimerCreated;

    public override string Describe() => $"CreateTimer #{TaskId} (fires at {FireAt:O})";
}

internal sealed record CallSubOrchestratorAction(int TaskId, string Name, string InstanceId, string? Input) : OrchestratorAction(TaskId)
{
    public override HistoryEvent ToHistoryEvent(DateTimeOffset timestamp) =>
        new SubOrchestrationCreated(TaskId, Name, InstanceId, Input) { Timestamp = timestamp };

    public override bool Matches(IActionEvent recorded) =>
        recorded is SubOrchestrationCreated created
        && string.Equals(created.Name, Name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(created.InstanceId, InstanceId, StringComparison.Ordinal);

    public override string Describe() => $"CallSubOrchestrator #{TaskId} (orchestrator '{Name}', instance '{InstanceId}')";
}

internal sealed record SendEventAction(int TaskId, string InstanceId, string Name, string? Input) : OrchestratorAction(TaskId)
{
    public override HistoryEvent ToHistoryEvent(DateTimeOffset timestamp) => new EventSent(TaskId, InstanceId, Name, Input) { Timestamp = timestamp };

    public override bool Matches(IActionEvent recorded) =>
        recorded is EventSent sent
        && string.Equals(sent.Name, Name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(sent.InstanceId, InstanceId, StringComparison.Ordinal);

    public override string Describe() => $"SendEvent #{TaskId} (event '{Name}' to instance '{InstanceId}')";
}
