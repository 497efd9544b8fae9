using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>Probes a health URL until it answers healthy or the attempts run out.</summary>
public interface IHealthProbe
{
    Task<HealthCheckResult> CheckAsync(HealthCheckRequest request, CancellationToken cancellationToken);
}
