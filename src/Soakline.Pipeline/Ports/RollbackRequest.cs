using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <param name="Fence">
/// The decision this rollback (or host-subset switch) belongs to; a host that a later decision has changed refuses it
/// (see <see cref="EffectFence"/>). Null is not fenced.
/// </param>
public sealed record RollbackRequest(
    ComponentTarget Target,
    IReadOnlyList<string> Hosts,
    ReleaseId? ToRelease,
    string Reason,
    EffectFence? Fence = null);
