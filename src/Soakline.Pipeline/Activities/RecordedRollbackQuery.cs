namespace Soakline.Pipeline.Activities;

/// <summary>
/// Which automatic rollback a <see cref="Orchestration.RollbackOrchestrator"/> looks for before it acts: one that ended
/// for this pipeline in this environment, since the rollback was decided. All three must match.
/// </summary>
/// <param name="PipelineId">The pipeline whose release the rollback undoes (<see cref="Orchestration.RollbackOrder.FailedPipelineId"/>).</param>
/// <param name="Since">When the rollback was decided (<see cref="Orchestration.RollbackOrder.DecidedAt"/>).</param>
public sealed record RecordedRollbackQuery(string PipelineId, string Environment, DateTimeOffset Since);
