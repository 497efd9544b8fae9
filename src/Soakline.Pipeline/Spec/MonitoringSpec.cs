namespace Soakline.Pipeline.Spec;

/// <summary>Scheduled checks between releases (the seeds' monitor: every 5 min in business hours, 15 min otherwise).</summary>
/// <param name="BusinessHours">NCRONTAB expressions (6 fields, with seconds, as Azure Functions timers use).</param>
/// <param name="OffHours">NCRONTAB expressions for the rest of the week.</param>
public sealed record MonitoringSpec(IReadOnlyList<string> BusinessHours, IReadOnlyList<string> OffHours, IReadOnlyList<MonitorCheckSpec> Checks);
