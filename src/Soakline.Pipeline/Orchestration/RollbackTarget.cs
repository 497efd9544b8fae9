using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

public sealed record RollbackTarget(string Component, IReadOnlyList<string> Hosts, ReleaseId? ToRelease, TrafficState? RestoreTraffic);
