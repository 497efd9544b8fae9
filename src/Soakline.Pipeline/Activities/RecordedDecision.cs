namespace Soakline.Pipeline.Activities;

/// <summary>An approval decision found in the audit trail (<see cref="GetRecordedDecisionActivity"/>).</summary>
/// <param name="Approved">True for <see cref="Ports.TransitionKind.Approved"/>, false for <see cref="Ports.TransitionKind.Rejected"/>.</param>
/// <param name="DecidedBy">The approver the decision was recorded under.</param>
/// <param name="RecordedAt">When the gate recorded it.</param>
/// <param name="Detail">The recorded sentence ("approved by ... at ...: comment").</param>
public sealed record RecordedDecision(bool Approved, string DecidedBy, DateTimeOffset RecordedAt, string Detail);
