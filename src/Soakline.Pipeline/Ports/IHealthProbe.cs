namespace Soakline.Pipeline.Ports;

/// <summary>Probes a health URL until it answers healthy or the attempts run out.</summary>
public interface IHealthProbe
{
    Task<HealthCheckResult> CheckAsync(HealthCheckRequest request, CancellationToken cancellationToken);
}

/// <summary>Defaults follow the seeds: 10 attempts, 5 seconds apart.</summary>
public sealed record HealthCheckRequest(Uri Url, int Attempts = 10, TimeSpan? Delay = null, TimeSpan? Timeout = null)
{
    public TimeSpan EffectiveDelay => Delay ?? TimeSpan.FromSeconds(5);
}

public sealed record HealthCheckResult(
    Uri Url,
    bool Healthy,
    int AttemptsUsed,
    int? LastStatusCode,
    TimeSpan LastLatency,
    string? Error = null);
