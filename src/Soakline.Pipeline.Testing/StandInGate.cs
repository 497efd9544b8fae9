using Microsoft.DurableTask;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>
/// The approval gate's contract with the decision endpoints, for stand-in orchestrators: the gate's record in the
/// custom status (<see cref="ApprovalState"/>), a receipt per decision id, done once an approver decided.
/// </summary>
internal static class StandInGate
{
    public static readonly IReadOnlyList<string> Approvers = ["lead@example.com", "cto@example.com"];

    /// <param name="beforeReceipt">Awaited between receiving a decision and recording it (a slow gate).</param>
    public static async Task<ApprovalDecision> WaitAsync(TaskOrchestrationContext context, PipelineStatus waiting, Func<Task>? beforeReceipt = null) =>
        (await DecideAsync(context, waiting, beforeReceipt)).Decision;

    /// <summary>
    /// As <see cref="WaitAsync"/>, with the gate's final record, which a stand-in that goes on after the approval
    /// keeps in its status as the real rollout does.
    /// </summary>
    public static async Task<(ApprovalDecision Decision, ApprovalState Record)> DecideAsync(TaskOrchestrationContext context, PipelineStatus waiting, Func<Task>? beforeReceipt = null)
    {
        var state = new ApprovalState(Approvers, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero).AddDays(1));
        context.SetCustomStatus(waiting with { Approval = state });
        // Bounded, as a stand-in's history should be: a test sends a handful of decisions.
        for (var received = 0; received < 20; received++)
        {
            var decision = await context.WaitForExternalEvent<ApprovalDecision>(PipelineEvents.Approval, CancellationToken.None);
            var id = decision.DecisionId ?? context.NewGuid().ToString("N");
            if (state.ReceiptFor(id) is not null)
            {
                continue;
            }

            if (beforeReceipt is not null)
            {
                await beforeReceipt();
            }

            state = state.Receive(decision, id);
            context.SetCustomStatus(waiting with { Stage = state.Outcome.ToString().ToLowerInvariant(), Approval = state });
            if (state.Outcome != ApprovalOutcome.Waiting)
            {
                return (decision, state);
            }
        }

        throw new InvalidOperationException("the stand-in gate received 20 decisions without one from an approver");
    }
}
