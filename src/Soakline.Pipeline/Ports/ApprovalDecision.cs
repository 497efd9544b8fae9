using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>The payload of the approval external event raised by the approval page or the API.</summary>
/// <param name="DecidedBy">The authenticated identity of the decider (never a name taken from a request body).</param>
/// <param name="DecisionId">
/// Identifies this decision: the gate records a receipt under it (<see cref="Orchestration.DecisionReceipt"/>) for the
/// endpoint to answer from, and a second event with the same id is not decided twice. Null: the gate assigns one.
/// </param>
public sealed record ApprovalDecision(bool Approved, string DecidedBy, DateTimeOffset DecidedAt, string? Comment = null, string? DecisionId = null);
