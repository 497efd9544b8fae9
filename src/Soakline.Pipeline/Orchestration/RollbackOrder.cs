using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The input of a <see cref="RollbackOrchestrator"/>: automatic (a breach, exact targets) or emergency (by scope).</summary>
/// <param name="TargetRelease">Emergency only: a release id to go back to; null means the previous release.</param>
/// <param name="Targets">Automatic only: exactly the hosts that were changed, and the release and routing to restore.</param>
/// <param name="FailedPipelineId">The pipeline whose release is undone, for the audit trail and DORA.</param>
/// <param name="HonoursRecordedRollback">
/// Automatic only: true when the rollback first looks for its own end already recorded for this pipeline and
/// environment (<see cref="Activities.GetRecordedRollbackActivity"/>) and goes by it. A breaching rollout sets it;
/// rollbacks started before that step existed carry false and skip it, so replaying their histories meets no
/// activity they never called.
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
    bool HonoursRecordedRollback = false);
