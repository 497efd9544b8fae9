using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <param name="PreSwitchHealthCheck">
/// Checked once per host before switching; the URL's host part is replaced by each host's address, so only its
/// scheme, port and path matter (the hook is expected to have started the new release there).
/// </param>
/// <param name="Activate">
/// False stages the release (upload, unpack, links, REVISION, deploy hook) without switching <c>current</c> or
/// restarting, so a host-subset router can later switch any host to it.
/// </param>
/// <param name="Fence">
/// The decision this deploy belongs to; a host that a later decision has changed refuses it (see <see cref="EffectFence"/>).
/// Null (a deploy outside an orchestration) is not fenced.
/// </param>
public sealed record DeployRequest(
    ComponentTarget Target,
    IReadOnlyList<string> Hosts,
    ReleaseId Release,
    CommitRef Commit,
    string ArtifactPath,
    HealthCheckRequest? PreSwitchHealthCheck = null,
    bool Activate = true,
    EffectFence? Fence = null);
