using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <param name="Fence">The decision this shift belongs to (see <see cref="EffectFence"/>); null is not fenced.</param>
public sealed record TrafficShift(
    ComponentTarget Target,
    IReadOnlyList<string> Hosts,
    ReleaseId StableRelease,
    ReleaseId CanaryRelease,
    int Percent,
    EffectFence? Fence = null);
