namespace Soakline.Pipeline.Spec;

/// <summary>Scheduled checks between releases (the seeds' monitor: every 5 min in business hours, 15 min otherwise).</summary>
/// <param name="BusinessHours">NCRONTAB expressions (6 fields, with seconds, as Azure Functions timers use).</param>
/// <param name="OffHours">NCRONTAB expressions for the rest of the week.</param>
public sealed record MonitoringSpec(IReadOnlyList<string> BusinessHours, IReadOnlyList<string> OffHours, IReadOnlyList<MonitorCheckSpec> Checks);

/// <param name="Url">For health and latency checks.</param>
/// <param name="Host">For TLS expiry and DNS checks.</param>
/// <param name="MaxLatency">Latency SLA: slower than this fails.</param>
/// <param name="MinCertificateDays">TLS: fewer days of validity left than this fails.</param>
public sealed record MonitorCheckSpec(
    string Name,
    MonitorCheckKind Kind,
    string Environment,
    Uri? Url,
    string? Host,
    TimeSpan? MaxLatency,
    int? MinCertificateDays);

public enum MonitorCheckKind
{
    Health,
    Latency,
    Tls,
    Dns,
}
