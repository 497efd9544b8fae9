using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Testing.History;

/// <summary>The orchestrator returned (Completed), threw (Failed), or continued as new.</summary>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Output, TaskFailureDetails? Failure) : HistoryEvent;
