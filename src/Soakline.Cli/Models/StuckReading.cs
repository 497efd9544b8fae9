namespace Soakline.Cli.Models;

/// <summary>
/// A pipeline the app's watchdog found stuck, as the API reports it (<c>stuck</c>): since when its next step is
/// overdue, why, the instance that stopped and the incident opened for it, if any. Absent while the pipeline moves.
/// </summary>
internal sealed record StuckReading(DateTimeOffset Since, string Reason, string? InstanceId = null, Uri? Incident = null);
