using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Durable.Testing.History;

namespace Soakline.Durable.Testing.Runtime;

/// <summary>
/// Everything a backend stores for one instance: the current execution's metadata, its history, and messages held
/// back (while suspended, or before the execution has started).
/// </summary>
public sealed record OrchestrationInstanceState
{
    public required string InstanceId { get; init; }

    public required string ExecutionId { get; init; }

    public required string Name { get; init; }

    public required OrchestrationRuntimeStatus Status { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUpdatedAt { get; init; }

    public ParentInstanceInfo? Parent { get; init; }

    public IReadOnlyList<HistoryEvent> History { get; init; } = [];

    public IReadOnlyList<OrchestrationMessage> HeldMessages { get; init; } = [];

    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed
        or OrchestrationRuntimeStatus.Failed
        or OrchestrationRuntimeStatus.Terminated;

    /// <summary>True once the execution's <see cref="ExecutionStarted"/> is in history.</summary>
    public bool HasStarted => History.Any(e => e is ExecutionStarted);

    /// <summary>The SDK's view of this instance; its <c>Read...As</c> methods use <paramref name="converter"/>.</summary>
    public OrchestrationMetadata ToMetadata(bool includePayloads, DataConverter converter) => new(Name, InstanceId)
    {
        DataConverter = converter,
        RuntimeStatus = Status,
        CreatedAt = CreatedAt,
        LastUpdatedAt = LastUpdatedAt,
        SerializedInput = includePayloads ? Input : null,
        SerializedOutput = includePayloads ? Output : null,
        SerializedCustomStatus = includePayloads ? CustomStatus : null,
        FailureDetails = FailureDetails,
    };
}
