namespace Soakline.Pipeline.Watchdog;

/// <summary>Why a pipeline is stuck: the overdue step, in a sentence, and since when it has been overdue.</summary>
/// <param name="InstanceId">The instance that stopped moving: the pipeline or the environment run it waits on.</param>
/// <param name="ProgressAt">
/// The pipeline's last progress when judged; a later one means it moved, which resolves the incident.
/// </param>
public sealed record StuckVerdict(string InstanceId, DateTimeOffset Since, string Reason, DateTimeOffset ProgressAt);
