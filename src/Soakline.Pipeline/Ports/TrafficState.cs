using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>
/// What routing looks like after a shift. <see cref="EffectivePercent"/> can differ from the request: with 4 hosts,
/// 5 % means 1 host, so 25 % effective.
/// </summary>
/// <param name="Hosts">All hosts the shift covered; <see cref="ITrafficRouter.RestoreAsync"/> needs them.</param>
/// <param name="Target">The component the shift covered; <see cref="ITrafficRouter.RestoreAsync"/> needs it.</param>
/// <param name="Fence">
/// Given to <see cref="ITrafficRouter.RestoreAsync"/>: the decision that restores this state (see <see cref="EffectFence"/>).
/// Null is not fenced.
/// </param>
public sealed record TrafficState(
    string Component,
    int RequestedPercent,
    double EffectivePercent,
    ReleaseId StableRelease,
    ReleaseId CanaryRelease,
    IReadOnlyList<string> CanaryHosts,
    IReadOnlyList<string>? Hosts = null,
    ComponentTarget? Target = null,
    EffectFence? Fence = null);
