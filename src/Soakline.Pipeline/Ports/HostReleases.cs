using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record HostReleases(string Host, ReleaseId? Current, IReadOnlyList<ReleaseId> Available, string? Error = null);
