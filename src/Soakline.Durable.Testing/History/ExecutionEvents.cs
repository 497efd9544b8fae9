using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Testing.History;

/// <summary>Starts each step; its timestamp is the orchestrator's <c>CurrentUtcDateTime</c> for that step.</summary>
public sealed record OrchestratorStarted : HistoryEvent;

/// <summary>The parent of a sub-orchestration, and the task id under which it awaits the child.</summary>
public sealed record ParentInstanceInfo(string Name, string InstanceId, string ExecutionId, int TaskScheduledId);

/// <summary>The first event of an execution: which orchestrator, with what input, started by whom.</summary>
public sealed record ExecutionStarted(string Name, string? Input, ParentInstanceInfo? Parent = null, DateTimeOffset? ScheduledStartAt = null) : HistoryEvent;

/// <summary>The orchestrator returned (Completed), threw (Failed), or continued as new.</summary>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Output, TaskFailureDetails? Failure) : HistoryEvent;

public sealed record ExecutionTerminated(string? Output) : HistoryEvent;

public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

public sealed record ExecutionResumed(string? Reason) : HistoryEvent;
