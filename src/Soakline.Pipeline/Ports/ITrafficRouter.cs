using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>
/// Shifts a share of traffic to the canary release: by host subset (ceil(p x N) hosts run the canary) or by load
/// balancer weights (nginx upstream weights). Blue-green is a shift straight to 0 or 100.
/// </summary>
public interface ITrafficRouter
{
    /// <summary>Routes <see cref="TrafficShift.Percent"/> of traffic to the canary and reports what it achieved.</summary>
    Task<TrafficState> ShiftAsync(TrafficShift shift, CancellationToken cancellationToken);

    /// <summary>Puts routing back to a state returned earlier (rollback).</summary>
    Task<TrafficState> RestoreAsync(TrafficState previous, CancellationToken cancellationToken);
}

public sealed record TrafficShift(
    ComponentTarget Target,
    IReadOnlyList<string> Hosts,
    ReleaseId StableRelease,
    ReleaseId CanaryRelease,
    int Percent);

/// <summary>
/// What routing looks like after a shift. <see cref="EffectivePercent"/> can differ from the request: with 4 hosts,
/// 5 % means 1 host, so 25 % effective.
/// </summary>
/// <param name="Hosts">All hosts the shift covered; <see cref="ITrafficRouter.RestoreAsync"/> needs them.</param>
/// <param name="Target">The component the shift covered; <see cref="ITrafficRouter.RestoreAsync"/> needs it.</param>
public sealed record TrafficState(
    string Component,
    int RequestedPercent,
    double EffectivePercent,
    ReleaseId StableRelease,
    ReleaseId CanaryRelease,
    IReadOnlyList<string> CanaryHosts,
    IReadOnlyList<string>? Hosts = null,
    ComponentTarget? Target = null);
