namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// The approval gate's record, kept in the environment run's custom status (<see cref="PipelineStatus.Approval"/>) so
/// it is durable with the orchestration's own checkpoint: who may decide, until when, what was decided (by whom, when),
/// and a receipt for each decision received. Decision endpoints read it to answer truthfully (403, 409, 200).
/// </summary>
/// <param name="Approvers">The run's effective approvers (<see cref="PipelineRun.Approvers"/>, else the spec's).</param>
/// <param name="DecidedBy">Set once approved or rejected.</param>
/// <param name="DecidedAt">When it was approved or rejected, or when the request expired.</param>
/// <param name="Receipts">The most recent decisions received, oldest first (at most <see cref="MaxReceipts"/>).</param>
public sealed record ApprovalState(
    IReadOnlyList<string> Approvers,
    DateTimeOffset ExpiresAt,
    ApprovalOutcome Outcome = ApprovalOutcome.Waiting,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    IReadOnlyList<DecisionReceipt>? Receipts = null)
{
    /// <summary>Keeps the custom status small however many refused decisions arrive.</summary>
    public const int MaxReceipts = 20;

    /// <summary>Approvers are addresses or key names: compared without case, as mail addresses are in practice.</summary>
    public bool IsApprover(string name) => Approvers.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The gate's receipt for a decision, if it received that decision.</summary>
    public DecisionReceipt? ReceiptFor(string decisionId) => Receipts?.LastOrDefault(r => r.DecisionId == decisionId);

    /// <summary>
    /// This state once the gate received <paramref name="decision"/> (under <paramref name="decisionId"/>): with its
    /// receipt, and decided when it came from an approver. The gate calls this while waiting only.
    /// </summary>
    public ApprovalState Receive(Ports.ApprovalDecision decision, string decisionId)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!IsApprover(decision.DecidedBy))
        {
            return WithReceipt(new DecisionReceipt(decisionId, decision.DecidedBy, decision.DecidedAt, DecisionResult.NotAnApprover));
        }

        var receipt = new DecisionReceipt(decisionId, decision.DecidedBy, decision.DecidedAt, decision.Approved ? DecisionResult.Approved : DecisionResult.Rejected);
        return WithReceipt(receipt) with
        {
            Outcome = decision.Approved ? ApprovalOutcome.Approved : ApprovalOutcome.Rejected,
            DecidedBy = decision.DecidedBy,
            DecidedAt = decision.DecidedAt,
        };
    }

    /// <summary>This state with one more receipt, dropping the oldest beyond <see cref="MaxReceipts"/>.</summary>
    public ApprovalState WithReceipt(DecisionReceipt receipt) => this with { Receipts = [.. (Receipts ?? []).TakeLast(MaxReceipts - 1), receipt] };
}
