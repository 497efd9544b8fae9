namespace Soakline.Pipeline.Spec;

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
