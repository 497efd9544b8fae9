using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// Asks the approvers and waits for the <see cref="EventName"/> external event until the request expires. A decision
/// from someone who is not an approver is recorded and ignored; the wait goes on for the time that is left.
/// </summary>
internal static class ApprovalGate
{
    public const string EventName = PipelineEvents.Approval;

    /// <summary>Null when approved; otherwise the outcome that ends the pipeline (rejected or expired).</summary>
    public static async Task<ReleaseOutcome?> RunAsync(PipelineSteps steps, ApprovalSpec approval, PipelineRun run, ReleaseSummary summary, bool expedited)
    {
        var timeout = expedited ? approval.ExpeditedTimeout : approval.Timeout;
        var expiresAt = steps.Now + timeout;
        var sent = await steps.Call<ApprovalRequestSent>(
            nameof(RequestApprovalActivity),
            new ApprovalRequest(steps.Context.InstanceId, summary, approval.Approvers, expiresAt, expedited));
        await steps.Record(TransitionKind.ApprovalRequested, $"asked {string.Join(", ", sent.Recipients)}; expires {expiresAt:O}{(expedited ? " (expedited)" : "")}", release: run.Release);

        while (true)
        {
            var remaining = expiresAt - steps.Now;
            steps.Status(s => s with { Stage = "awaiting-approval", Detail = $"expires {expiresAt:O}", SoakRemaining = null });
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
                await steps.Record(TransitionKind.ApprovalExpired, detail, release: run.Release);
                await steps.Notify(Severity.Warning, $"Approval for {run.Release} expired", $"{detail}; {run.Commit} was not deployed to {run.Environment}.");
                return new ReleaseOutcome(ReleaseStatus.ApprovalExpired, detail, run.Environment, run.Release);
            }

            if (!approval.Approvers.Contains(decision.DecidedBy, StringComparer.OrdinalIgnoreCase))
            {
                await steps.Record(TransitionKind.ApprovalIgnored, $"{decision.DecidedBy} is not an approver", actor: decision.DecidedBy, release: run.Release);
                continue;
            }

            var comment = decision.Comment is { Length: > 0 } c ? $": {c}" : string.Empty;
            if (decision.Approved)
            {
                await steps.Record(TransitionKind.Approved, $"approved by {decision.DecidedBy} at {decision.DecidedAt:O}{comment}", actor: decision.DecidedBy, release: run.Release);
                return null;
            }

            var rejected = $"rejected by {decision.DecidedBy} at {decision.DecidedAt:O}{comment}";
            await steps.Record(TransitionKind.Rejected, rejected, actor: decision.DecidedBy, release: run.Release);
            await steps.Notify(Severity.Info, $"{run.Release} rejected for {run.Environment}", rejected);
            return new ReleaseOutcome(ReleaseStatus.Rejected, rejected, run.Environment, run.Release);
        }
    }
}
