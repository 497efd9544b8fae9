using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The input of a <see cref="RollbackOrchestrator"/>: automatic (a breach, exact targets) or emergency (by scope).</summary>
/// <param name="TargetRelease">Emergency only: a release id to go back to; null means the previous release.</param>
/// <param name="Targets">Automatic only: exactly the hosts that were changed, and the release and routing to restore.</param>
/// <param name="FailedPipelineId">The pipeline whose release is undone, for the audit trail and DORA.</param>
/// <param name="DecidedAt">
/// Automatic only: when the rollout decided to roll back (orchestration time). A breaching rollout sets it, and the
/// rollback then first looks for its own end recorded since that moment for this pipeline and environment
/// (<see cref="Activities.GetRecordedRollbackActivity"/>) and goes by it. An end recorded earlier belongs to an earlier
/// run under the same pipeline id (its instance purged) and does not count. Rollbacks started before the look-up
/// existed carry null and skip it, so replaying their histories meets no activity they never called.
/// </param>
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
    string? FailedPipelineId = null,
    DateTimeOffset? DecidedAt = null);
