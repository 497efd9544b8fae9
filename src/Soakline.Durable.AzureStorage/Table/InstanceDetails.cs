using Soakline.Durable.History;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Table;

/// <summary>The instance fields that may be large (payloads, held messages), stored as one JSON property or blob.</summary>
internal sealed record InstanceDetails(
    string? Input,
    string? Output,
    string? CustomStatus,
    TaskFailureDetails? FailureDetails,
    ParentInstanceInfo? Parent,
    IReadOnlyList<OrchestrationMessage> HeldMessages);
