using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>
/// How this pipeline's automatic rollback in this environment ended, if it already did; null otherwise. The rollback
/// reads it before it acts, so a rollback the engine started again (its parent's episode re-run after a kill) goes by
/// the first one's end instead of restarting hosts, opening the incident and notifying a second time.
/// </summary>
/// <remarks>
/// The end is the rollback-wide <see cref="TransitionKind.Restored"/> or <see cref="TransitionKind.RollbackFailed"/>,
/// the one without a component: each component's own <see cref="TransitionKind.RollbackFailed"/> is recorded
/// part-way, while the rollback still goes on.
/// </remarks>
public sealed class GetRecordedRollbackActivity(IReleaseStore store) : TaskActivity<RecordedRollbackQuery, RecordedRollback?>
{
    public override async Task<RecordedRollback?> RunAsync(TaskActivityContext context, RecordedRollbackQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transitions = await store.GetTransitionsAsync(new TransitionQuery(input.Environment, input.PipelineId, From: input.Since), CancellationToken.None).ConfigureAwait(false);

        // Checked again after the store's filter: another pipeline's, environment's or run's rollback must never stand
        // in for this one (a host left on a breaching release would be the price).
        var ended = transitions.LastOrDefault(t =>
            t.Kind is TransitionKind.Restored or TransitionKind.RollbackFailed
            && t.Component is null
            && t.PipelineId == input.PipelineId
            && t.Environment == input.Environment
            && t.At >= input.Since);
        return ended is null ? null : new RecordedRollback(ended.Kind == TransitionKind.Restored, ended.Detail, ended.At);
    }
}
