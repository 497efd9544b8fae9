using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>
/// Puts releases of one component on hosts (over SSH, or on this machine): release directories, shared links, a
/// <c>REVISION</c> file, the deploy hook, an atomic switch of the <c>current</c> symlink, restart, keep-N cleanup.
/// </summary>
/// <remarks>
/// Results are per host: a host that fails stays on its previous release and is reported as failed; the others
/// carry on. The orchestrator decides what a partial failure means.
/// </remarks>
public interface IDeployTarget
{
    Task<DeployResult> DeployAsync(DeployRequest request, CancellationToken cancellationToken);

    /// <summary>Switches hosts back to their previous release, or to a named one, and restarts.</summary>
    Task<DeployResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken);

    /// <summary>The current release and the releases kept on each host.</summary>
    Task<IReadOnlyList<HostReleases>> GetReleasesAsync(ComponentTarget target, IReadOnlyList<string> hosts, CancellationToken cancellationToken);
}
