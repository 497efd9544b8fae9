using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Approvals;

/// <summary>What happened to a decision, for the endpoint to answer with (<see cref="DecisionDesk"/>).</summary>
/// <param name="InstanceId">The environment run whose gate answered, when one did.</param>
/// <param name="Receipt">The gate's receipt for this decision, when it took effect.</param>
internal sealed record DecisionAnswer(DecisionAnswerKind Kind, string Message, string? InstanceId = null, DecisionReceipt? Receipt = null);
