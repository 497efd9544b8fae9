namespace Soakline.Pipeline.Activities;

/// <summary>
/// Which automatic rollback a <see cref="Orchestration.RollbackOrchestrator"/> looks for before it acts: the one that
/// ended for this pipeline in this environment. Both must match.
/// </summary>
/// <param name="PipelineId">The pipeline whose release the rollback undoes (<see cref="Orchestration.RollbackOrder.FailedPipelineId"/>).</param>
public sealed record RecordedRollbackQuery(string PipelineId, string Environment);
