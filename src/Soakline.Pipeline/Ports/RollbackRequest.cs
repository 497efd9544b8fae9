using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record RollbackRequest(
    ComponentTarget Target,
    IReadOnlyList<string> Hosts,
    ReleaseId? ToRelease,
    string Reason);
