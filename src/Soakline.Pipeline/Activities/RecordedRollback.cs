namespace Soakline.Pipeline.Activities;

/// <summary>An automatic rollback that already ended, found in the audit trail (<see cref="GetRecordedRollbackActivity"/>).</summary>
/// <param name="Restored">True when it ended <see cref="Ports.TransitionKind.Restored"/>, false when <see cref="Ports.TransitionKind.RollbackFailed"/>.</param>
/// <param name="Detail">The recorded sentence: what each component went back to, and its health.</param>
/// <param name="RecordedAt">When the rollback recorded its end.</param>
public sealed record RecordedRollback(bool Restored, string Detail, DateTimeOffset RecordedAt);
