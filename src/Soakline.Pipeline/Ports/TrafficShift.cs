using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record TrafficShift(
    ComponentTarget Target,
    IReadOnlyList<string> Hosts,
    ReleaseId StableRelease,
    ReleaseId CanaryRelease,
    int Percent);
