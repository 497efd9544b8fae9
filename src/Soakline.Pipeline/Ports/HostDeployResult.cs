using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record HostDeployResult(
    string Host,
    bool Succeeded,
    ReleaseId? ActiveRelease,
    ReleaseId? PreviousRelease,
    TimeSpan Duration,
    string? Error = null);
