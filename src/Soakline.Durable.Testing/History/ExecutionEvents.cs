using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Testing.History;

/// <summary>Starts each step; its timestamp is the orchestrator's <c>CurrentUtcDateTime</c> for that step.</summary>
public sealed record OrchestratorStarted : HistoryEvent;
