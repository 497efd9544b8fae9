namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// The approval gate's acknowledgement of one decision it received, keyed by the decision's id
/// (<see cref="Ports.ApprovalDecision.DecisionId"/>), so the endpoint that raised it answers from what the gate did.
/// </summary>
/// <param name="At">When the decider decided (the decision's own time).</param>
public sealed record DecisionReceipt(string DecisionId, string By, DateTimeOffset At, DecisionResult Result);
