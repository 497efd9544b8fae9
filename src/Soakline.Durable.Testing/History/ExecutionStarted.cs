using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Testing.History;

/// <summary>The first event of an execution: which orchestrator, with what input, started by whom.</summary>
public sealed record ExecutionStarted(string Name, string? Input, ParentInstanceInfo? Parent = null, DateTimeOffset? ScheduledStartAt = null) : HistoryEvent;
