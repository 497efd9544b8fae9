using Soakline.Integrations.Deploy.Shell;
using Soakline.Pipeline.Domain;

namespace Soakline.Integrations.Deploy;

/// <summary>
/// Where things live under a component's release root on one host:
/// <code>
/// root/
///   current -> releases/20261123T114500Z-1a2b3c4   (symlink, switched atomically)
///   releases/20261123T114500Z-1a2b3c4/             (unpacked artifact + REVISION + links into shared/)
///   shared/.env, shared/logs/                      (survive releases)
///   .incoming/20261123T114500Z-1a2b3c4.tar.gz      (upload, removed after unpacking)
/// </code>
/// </summary>
internal sealed record ReleaseLayout(RemotePath Root)
{
    private static readonly RemotePath ReleasesName = RemotePath.Parse("releases", nameof(ReleasesName));

    public RemotePath Releases => Root.Combine(ReleasesName);

    public RemotePath Shared => Root.Combine("shared");

    public RemotePath Current => Root.Combine("current");

    public RemotePath Incoming => Root.Combine(".incoming");

    /// <summary>
    /// Names the release whose restart last completed here. <c>current</c> alone cannot tell a finished deploy from one
    /// whose process died between the switch and the restart: the host then still runs the previous release.
    /// </summary>
    public RemotePath RestartedMarker => Root.Combine(".restarted");

    public RemotePath ReleaseDirectory(ReleaseId release) => Releases.Combine(ReleaseSegment(release));

    public RemotePath Upload(ReleaseId release) => Incoming.Combine(ReleaseSegment(release) + ".tar.gz");

    /// <summary>The link target written into <c>current</c>: relative, so the whole root can be moved or mounted elsewhere.</summary>
    public static RemotePath CurrentLinkTarget(ReleaseId release) => ReleasesName.Combine(ReleaseSegment(release));

    /// <summary>The new link is created under this name and then renamed over <c>current</c>; per release so two attempts never share it.</summary>
    public RemotePath NextCurrentLink(ReleaseId release) => Root.Combine(".current-" + ReleaseSegment(release));

    /// <summary>A relative release root lives under the host's base directory when it has one.</summary>
    public static ReleaseLayout For(RemotePath releaseRoot, DeployHost host)
    {
        ArgumentNullException.ThrowIfNull(releaseRoot);
        ArgumentNullException.ThrowIfNull(host);
        return new ReleaseLayout(!releaseRoot.IsAbsolute && host.BaseDirectory is { } baseDirectory
            ? baseDirectory.Combine(releaseRoot)
            : releaseRoot);
    }

    // A ReleaseId is validated to [0-9TZ-a-f], so it is always a valid path segment.
    private static string ReleaseSegment(ReleaseId release) => (release ?? throw new ArgumentNullException(nameof(release))).Value;
}
