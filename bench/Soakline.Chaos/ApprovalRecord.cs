namespace Soakline.Chaos;

/// <summary>An approval the app confirmed: 200, or 409 "already decided" on a retry after the first attempt's process died.</summary>
internal sealed record ApprovalRecord(string EnvironmentRun, DateTimeOffset ConfirmedAt, int Status, int Attempts);
