namespace Soakline.Functions.Watchdog;

/// <summary>
/// A pipeline the watchdog found stuck, kept until it moves: what the API, dashboard and CLI show as
/// "stuck since ...: reason", whether or not an incident tracker is configured.
/// </summary>
/// <param name="PipelineId">The pipeline (release orchestration) instance id.</param>
/// <param name="InstanceId">The instance that stopped: the pipeline or the environment run it waits on.</param>
/// <param name="Since">Since when its next step is overdue.</param>
/// <param name="ProgressAt">Its last progress when found stuck; progress after it resolves the record.</param>
/// <param name="IncidentUrl">The incident opened for it, when an incident tracker is configured and gave a link.</param>
public sealed record StuckPipelineRecord(string PipelineId, string InstanceId, DateTimeOffset Since, string Reason, DateTimeOffset ProgressAt, DateTimeOffset DetectedAt, Uri? IncidentUrl);
