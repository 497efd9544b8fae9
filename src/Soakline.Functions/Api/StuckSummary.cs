using Soakline.Functions.Watchdog;

namespace Soakline.Functions.Api;

/// <summary>
/// On a pipeline the watchdog found stuck (<c>stuck</c> in the pipeline JSON): since when its next step is overdue and
/// why; absent while it moves.
/// </summary>
/// <param name="InstanceId">The instance that stopped: the pipeline or its environment run.</param>
/// <param name="Incident">The incident opened for it, when an incident tracker is configured.</param>
public sealed record StuckSummary(DateTimeOffset Since, string Reason, string InstanceId, DateTimeOffset DetectedAt, Uri? Incident)
{
    public static StuckSummary From(StuckPipelineRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new StuckSummary(record.Since, record.Reason, record.InstanceId, record.DetectedAt, record.IncidentUrl);
    }
}
