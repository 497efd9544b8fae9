using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record HealthCheckResult(
    Uri Url,
    bool Healthy,
    int AttemptsUsed,
    int? LastStatusCode,
    TimeSpan LastLatency,
    string? Error = null);
