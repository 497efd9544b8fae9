using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The input of a <see cref="RollbackOrchestrator"/>: automatic (a breach, exact targets) or emergency (by scope).</summary>
/// <param name="TargetRelease">Emergency only: a release id to go back to; null means the previous release.</param>
/// <param name="Targets">Automatic only: exactly the hosts that were changed, and the release and routing to restore.</param>
/// <param name="FailedPipelineId">The pipeline whose release is undone, for the audit trail and DORA.</param>
public sealed record RollbackOrder(
    RepositoryRef Repository,
    string Environment,
    RollbackScope Scope,
    string Reason,
    string RequestedBy,
    string SpecYaml,
    string? Component = null,
    string? TargetRelease = null,
    IReadOnlyList<RollbackTarget>? Targets = null,
    string? FailedPipelineId = null);
