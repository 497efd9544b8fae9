using Microsoft.DurableTask;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// Asks the run's approvers (<see cref="PipelineRun.Approvers"/>: the spec's narrowed by the protection policy; the
/// spec's list for runs started before it) and waits for the <see cref="EventName"/> external event until the request
/// expires. Every decision received gets a receipt in <see cref="ApprovalState"/> (the custom status), which the
/// decision endpoints wait for and answer from: a decision from someone who is not an approver is recorded and
/// ignored and the wait goes on for the time that is left; a decision id seen before is not decided again.
/// A decision this pipeline already recorded for this environment and release is honoured without asking again: the
/// engine can create an environment run a second time (an episode re-run after a kill), and that run must not wait for
/// an approval the approver already gave.
/// </summary>
internal static class ApprovalGate
{
    public const string EventName = PipelineEvents.Approval;

    /// <summary>Null when approved; otherwise the outcome that ends the pipeline (rejected or expired).</summary>
    public static async Task<ReleaseOutcome?> RunAsync(PipelineSteps steps, ApprovalSpec approval, PipelineRun run, ReleaseSummary summary, bool expedited)
    {
        var approvers = run.Approvers ?? approval.Approvers;
        if (await RecordedDecisionAsync(steps, run) is { } earlier)
        {
            return await HonourAsync(steps, run, approvers, earlier);
        }

        // Counted from now, after the look-up, so its retries do not shorten the approver's time.
        var timeout = expedited ? approval.ExpeditedTimeout : approval.Timeout;
        var expiresAt = steps.Now + timeout;
        var state = new ApprovalState(approvers, expiresAt);
        steps.Status(s => s with { Stage = "awaiting-approval", Detail = $"expires {expiresAt:O}", SoakRemaining = null, Approval = state, NextStepDue = expiresAt });
        var sent = await steps.Call<ApprovalRequestSent>(
            nameof(RequestApprovalActivity),
            new ApprovalRequest(steps.Context.InstanceId, summary, approvers, expiresAt, expedited));
        await steps.Record(TransitionKind.ApprovalRequested, $"asked {string.Join(", ", sent.Recipients)}; expires {expiresAt:O}{(expedited ? " (expedited)" : "")}", release: run.Release);

        while (true)
        {
            var remaining = expiresAt - steps.Now;
            ApprovalDecision decision;
            try
            {
                if (remaining <= TimeSpan.Zero)
                {
                    throw new TaskCanceledException();
                }

                decision = await steps.Context.WaitForExternalEvent<ApprovalDecision>(EventName, remaining);
            }
            catch (TaskCanceledException)
            {
                var detail = $"no decision within {timeout}";
                state = state with { Outcome = ApprovalOutcome.Expired, DecidedAt = steps.Now };
                steps.Status(s => s with { Stage = "approval-expired", Detail = detail, Approval = state, NextStepDue = null });
                await steps.Record(TransitionKind.ApprovalExpired, detail, release: run.Release);
                await steps.Notify(Severity.Warning, $"Approval for {run.Release} expired", $"{detail}; {run.Commit} was not deployed to {run.Environment}.");
                return new ReleaseOutcome(ReleaseStatus.ApprovalExpired, detail, run.Environment, run.Release);
            }

            var decisionId = decision.DecisionId ?? steps.Context.NewGuid().ToString("N");
            if (state.ReceiptFor(decisionId) is not null)
            {
                // The same decision raised again (an endpoint's retry): it was answered already.
                continue;
            }

            state = state.Receive(decision, decisionId);
            if (state.Outcome == ApprovalOutcome.Waiting)
            {
                steps.Status(s => s with { Approval = state });
                await steps.Record(TransitionKind.ApprovalIgnored, $"{decision.DecidedBy} is not an approver", actor: decision.DecidedBy, release: run.Release);
                continue;
            }

            var comment = decision.Comment is { Length: > 0 } c ? $": {c}" : string.Empty;
            var verb = decision.Approved ? "approved" : "rejected";
            var recorded = $"{verb} by {decision.DecidedBy} at {decision.DecidedAt:O}{comment}";
            // The wait is over: a deadline left in the status would hide a step that hangs after the decision.
            steps.Status(s => s with { Stage = verb, Detail = recorded, Approval = state, NextStepDue = null });
            if (decision.Approved)
            {
                await steps.Record(TransitionKind.Approved, recorded, actor: decision.DecidedBy, release: run.Release);
                return null;
            }

            await steps.Record(TransitionKind.Rejected, recorded, actor: decision.DecidedBy, release: run.Release);
            await steps.Notify(Severity.Info, $"{run.Release} rejected for {run.Environment}", recorded);
            return new ReleaseOutcome(ReleaseStatus.Rejected, recorded, run.Environment, run.Release);
        }
    }

    /// <summary>This pipeline's decision already recorded for this environment and release, if any.</summary>
    private static async Task<RecordedDecision?> RecordedDecisionAsync(PipelineSteps steps, PipelineRun run)
    {
        if (!run.HonoursRecordedDecision)
        {
            return null;
        }

        try
        {
            return await steps.Call<RecordedDecision?>(nameof(GetRecordedDecisionActivity), new RecordedDecisionQuery(run.PipelineId, run.Environment, run.Release));
        }
        catch (TaskFailedException)
        {
            // The audit trail could not be read: ask. Asking again at worst costs the approver a second click;
            // skipping the gate on a guess could deploy what nobody approved.
            return null;
        }
    }

    /// <summary>
    /// Goes by the decision already recorded: approved lets the run proceed, rejected ends it as the rejection did. The
    /// status shows who decided and when; the timeline gets one <see cref="TransitionKind.DecisionHonoured"/>, not a
    /// second Approved or Rejected that the audit trail would count twice, and nobody is notified again.
    /// </summary>
    private static async Task<ReleaseOutcome?> HonourAsync(PipelineSteps steps, PipelineRun run, IReadOnlyList<string> approvers, RecordedDecision earlier)
    {
        var verb = earlier.Approved ? "approved" : "rejected";
        // Nothing is waited for: the request "expires" now, and the decision is the one recorded.
        var state = new ApprovalState(approvers, steps.Now, earlier.Approved ? ApprovalOutcome.Approved : ApprovalOutcome.Rejected, earlier.DecidedBy, earlier.RecordedAt);
        var detail = $"already {verb} by {earlier.DecidedBy} at {earlier.RecordedAt:O} for {run.Release}; not asked again";
        steps.Status(s => s with { Stage = verb, Detail = detail, SoakRemaining = null, Approval = state, NextStepDue = null });
        await steps.Record(TransitionKind.DecisionHonoured, detail, actor: earlier.DecidedBy, release: run.Release);
        return earlier.Approved ? null : new ReleaseOutcome(ReleaseStatus.Rejected, earlier.Detail, run.Environment, run.Release);
    }
}
