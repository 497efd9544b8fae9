namespace Soakline.Durable;

/// <summary>A filter over orchestration instances, read page by page.</summary>
/// <param name="CreatedFrom">Only instances created at or after this time.</param>
/// <param name="CreatedTo">Only instances created at or before this time.</param>
/// <param name="Statuses">Only instances in one of these states.</param>
/// <param name="TaskHubNames">Accepted for SDK compatibility; a Soakline backend serves one task hub.</param>
/// <param name="InstanceIdPrefix">Only instances whose id starts with this (ordinal).</param>
/// <param name="PageSize">Items per page.</param>
/// <param name="FetchInputsAndOutputs">Whether metadata includes inputs, outputs and custom status.</param>
/// <param name="ContinuationToken">Where the previous page stopped.</param>
public record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null,
    IEnumerable<string>? TaskHubNames = null,
    string? InstanceIdPrefix = null,
    int PageSize = OrchestrationQuery.DefaultPageSize,
    bool FetchInputsAndOutputs = false,
    string? ContinuationToken = null)
{
    public const int DefaultPageSize = 100;
}
