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
/// </summary>
internal static class ApprovalGate
{
    public const string EventName = PipelineEvents.Approval;

    /// <summary>Null when approved; otherwise the outcome that ends the pipeline (rejected or expired).</summary>
    public static async Task<ReleaseOutcome?> RunAsync(PipelineSteps steps, ApprovalSpec approval, PipelineRun run, ReleaseSummary summary, bool expedited)
    {
        var timeout = expedited ? approval.ExpeditedTimeout : approval.Timeout;
        var expiresAt = steps.Now + timeout;
        var approvers = run.Approvers ?? approval.Approvers;
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
}
