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

/// <summary>Where and how one component lives on its hosts (the deploy-relevant part of the pipeline spec).</summary>
public sealed record ComponentTarget(
    string Component,
    string ReleaseRoot,
    IReadOnlyList<string> SharedPaths,
    string? DeployCommand,
    string? RestartCommand,
    IReadOnlyDictionary<string, string> Environment,
    int KeepReleases = 5);

/// <param name="PreSwitchHealthCheck">
/// Checked once per host before switching; the URL's host part is replaced by each host's address, so only its
/// scheme, port and path matter (the hook is expected to have started the new release there).
/// </param>
/// <param name="Activate">
/// False stages the release (upload, unpack, links, REVISION, deploy hook) without switching <c>current</c> or
/// restarting, so a host-subset router can later switch any host to it.
/// </param>
public sealed record DeployRequest(
    ComponentTarget Target,
    IReadOnlyList<string> Hosts,
    ReleaseId Release,
    CommitRef Commit,
    string ArtifactPath,
    HealthCheckRequest? PreSwitchHealthCheck = null,
    bool Activate = true);

public sealed record RollbackRequest(
    ComponentTarget Target,
    IReadOnlyList<string> Hosts,
    ReleaseId? ToRelease,
    string Reason);

public sealed record HostDeployResult(
    string Host,
    bool Succeeded,
    ReleaseId? ActiveRelease,
    ReleaseId? PreviousRelease,
    TimeSpan Duration,
    string? Error = null);

public sealed record DeployResult(string Component, IReadOnlyList<HostDeployResult> Hosts)
{
    public bool AllSucceeded => Hosts.All(h => h.Succeeded);
}

public sealed record HostReleases(string Host, ReleaseId? Current, IReadOnlyList<ReleaseId> Available, string? Error = null);
