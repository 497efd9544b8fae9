using Soakline.Integrations.Deploy.Shell;
using Soakline.Pipeline.Domain;

namespace Soakline.Integrations.Deploy;

/// <summary>
/// Every command the deploy target runs on a host, each built through <see cref="ShellCommand"/> from validated
/// paths and release ids. Reading this file tells you everything Soakline will ever execute on your servers.
/// </summary>
internal static class ReleaseCommands
{
    private static readonly ShellArgument EndOfOptions = ShellArgument.Option("--");

    /// <summary>Separates the link target from the release listing in <see cref="ReadState"/>'s output.</summary>
    public const string StateSeparator = "releases:";

    /// <summary>Separates the release listing from the restart marker's content in <see cref="ReadState"/>'s output.</summary>
    public const string RestartedSeparator = "restarted:";

    /// <summary>
    /// Where <c>current</c> points, the separator line, then the release folders: one round trip instead of two,
    /// which matters when a rollback must reach twenty hosts quickly. Either part may be empty on a fresh host.
    /// </summary>
    public static ShellCommand ReadState(ReleaseLayout layout) =>
        ReadCurrentLink(layout).Then(ShellCommand.Run("echo", ShellArgument.Literal(StateSeparator))).Then(ListReleases(layout))
            .Then(ShellCommand.Run("echo", ShellArgument.Literal(RestartedSeparator)))
            .Then(ShellCommand.Run("cat", EndOfOptions, layout.RestartedMarker).WithoutErrorOutput());

    /// <summary>Records that <paramref name="release"/>'s restart completed (<see cref="ReleaseLayout.RestartedMarker"/>).</summary>
    public static ShellCommand RecordRestart(ReleaseLayout layout, ReleaseId release) =>
        ShellCommand.Run("echo", ShellArgument.Literal(release.Value)).WritingOutputTo(layout.RestartedMarker);

    // $1 current, $2 the link target it must have, $3 the restart marker, $4 the release it must name.
    private static readonly ShellScript StillActive = ShellScript.Builtin(
        "[ \"$(readlink -- \"$1\")\" = \"$2\" ] && [ \"$(cat -- \"$3\" 2>/dev/null)\" = \"$4\" ]");

    // $1 current, $2 the link target it must have.
    private static readonly ShellScript StillCurrent = ShellScript.Builtin("[ \"$(readlink -- \"$1\")\" = \"$2\" ]");

    /// <summary>
    /// Exits 0 when <c>current</c> still points at <paramref name="release"/> and, if <paramref name="restartRecorded"/>,
    /// <see cref="ReleaseLayout.RestartedMarker"/> still names it; 1 otherwise. Run fenced, it makes "nothing to do" a
    /// decision like any other: it raises the host's fence, so an older decision cannot act after it.
    /// </summary>
    public static ShellCommand ConfirmActive(ReleaseLayout layout, ReleaseId release, bool restartRecorded) =>
        restartRecorded
            ? ShellCommand.RunScript(StillActive, layout.Current, ReleaseLayout.CurrentLinkTarget(release), layout.RestartedMarker, release)
            : ShellCommand.RunScript(StillCurrent, layout.Current, ReleaseLayout.CurrentLinkTarget(release));

    public static ShellCommand ReadCurrentLink(ReleaseLayout layout) =>
        ShellCommand.Run("readlink", EndOfOptions, layout.Current).WithoutErrorOutput();

    public static ShellCommand ListReleases(ReleaseLayout layout) =>
        ShellCommand.Run("ls", ShellArgument.Option("-1"), EndOfOptions, layout.Releases).WithoutErrorOutput();

    /// <summary>A clean, empty release folder (a leftover of an interrupted attempt is discarded), plus shared/ and .incoming/.</summary>
    public static ShellCommand PrepareReleaseDirectory(ReleaseLayout layout, ReleaseId release) =>
        RemoveRecursively(layout.ReleaseDirectory(release))
            .And(ShellCommand.Run("mkdir", ShellArgument.Option("-p"), EndOfOptions,
                layout.ReleaseDirectory(release), layout.Shared, layout.Incoming));

    /// <summary>Unpacks the uploaded tarball, dropping its single top-level folder (GitHub's and git archive's layout).</summary>
    public static ShellCommand UnpackUpload(ReleaseLayout layout, ReleaseId release) =>
        ShellCommand.Run("tar", ShellArgument.Option("-xzf"), layout.Upload(release),
                ShellArgument.Option("-C"), layout.ReleaseDirectory(release), ShellArgument.Option("--strip-components=1"))
            .And(ShellCommand.Run("rm", ShellArgument.Option("-f"), EndOfOptions, layout.Upload(release)));

    public static ShellCommand CreateSharedDirectory(ReleaseLayout layout, SharedPath shared) =>
        ShellCommand.Run("mkdir", ShellArgument.Option("-p"), EndOfOptions, layout.Shared.Combine(shared.Path));

    public static ShellCommand SharedPathExists(ReleaseLayout layout, SharedPath shared) =>
        ShellCommand.Run("test", ShellArgument.Option("-e"), layout.Shared.Combine(shared.Path));

    /// <summary>Replaces whatever the artifact has at the shared path with a link into shared/.</summary>
    public static ShellCommand LinkShared(ReleaseLayout layout, ReleaseId release, SharedPath shared)
    {
        var inRelease = layout.ReleaseDirectory(release).Combine(shared.Path);
        return RemoveRecursively(inRelease)
            .And(ShellCommand.Run("mkdir", ShellArgument.Option("-p"), EndOfOptions, inRelease.Parent!))
            .And(ShellCommand.Run("ln", ShellArgument.Option("-s"), EndOfOptions, layout.Shared.Combine(shared.Path), inRelease));
    }

    /// <summary>Writes standard input to <paramref name="file"/> (REVISION, an nginx upstream file).</summary>
    public static ShellCommand WriteStandardInputTo(RemotePath file) => ShellCommand.Run("cat").WritingOutputTo(file);

    /// <summary>
    /// The atomic switch: a new link under a temporary name, then <c>mv -T</c> renames it over <c>current</c>.
    /// rename(2) replaces the old link in one step, so a request never sees a missing or half-written <c>current</c>
    /// (<c>ln -sfn</c> alone unlinks and re-creates, leaving a gap).
    /// </summary>
    public static ShellCommand SwitchCurrent(ReleaseLayout layout, ReleaseId release) =>
        ShellCommand.Run("ln", ShellArgument.Option("-sfn"), EndOfOptions, ReleaseLayout.CurrentLinkTarget(release), layout.NextCurrentLink(release))
            .And(ShellCommand.Run("mv", ShellArgument.Option("-T"), EndOfOptions, layout.NextCurrentLink(release), layout.Current));

    public static ShellCommand RemoveReleases(ReleaseLayout layout, IEnumerable<ReleaseId> releases) =>
        ShellCommand.Run("rm", [ShellArgument.Option("-rf"), EndOfOptions, .. releases.Select(r => ShellArgument.Path(layout.ReleaseDirectory(r)))]);

    private static ShellCommand RemoveRecursively(RemotePath path) =>
        ShellCommand.Run("rm", ShellArgument.Option("-rf"), EndOfOptions, path);
}
