using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>
/// The latest approval or rejection this pipeline recorded for this environment and release, or null. The approval
/// gate reads it before asking, so an environment run the engine created again (an episode re-run after a kill) does
/// not ask a second time for a decision already given.
/// </summary>
public sealed class GetRecordedDecisionActivity(IReleaseStore store) : TaskActivity<RecordedDecisionQuery, RecordedDecision?>
{
    public override async Task<RecordedDecision?> RunAsync(TaskActivityContext context, RecordedDecisionQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transitions = await store.GetTransitionsAsync(new TransitionQuery(input.Environment, input.PipelineId), CancellationToken.None).ConfigureAwait(false);

        // The store filters by environment and pipeline already; they are checked again here because a decision that
        // does not belong to exactly this pipeline, environment and release must never let a release through.
        var decision = transitions.LastOrDefault(t =>
            t.Kind is TransitionKind.Approved or TransitionKind.Rejected
            && t.PipelineId == input.PipelineId
            && t.Environment == input.Environment
            && t.Release == input.Release
            && t.Actor is not null);
        return decision is null ? null : new RecordedDecision(decision.Kind == TransitionKind.Approved, decision.Actor!, decision.At, decision.Detail);
    }
}
