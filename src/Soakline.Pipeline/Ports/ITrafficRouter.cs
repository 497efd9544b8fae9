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
