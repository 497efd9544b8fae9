using System.Globalization;
using Soakline.Integrations.Deploy.Shell;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Deploy;

/// <summary>
/// Holds a host to the newest decision that changed it (<see cref="EffectFence"/>). The highest token that acted lives
/// in a small file next to what it protects (a release root's <c>.soakline-fence</c>, the nginx upstream file's
/// <c>.soakline-fence</c> sibling); a fenced command takes an exclusive <c>flock</c> on the file's <c>.lock</c>
/// sibling, refuses with <see cref="RefusedExitCode"/> when the stored token is higher than its own, otherwise stores
/// its token (when higher) and runs the effect while still holding the lock. Check, record and effect are therefore one
/// step: a late copy of an old decision either acts before the newer decision (which then acts after it) or is refused.
/// </summary>
/// <remarks>
/// Needs <c>flock</c> (util-linux) on the host. The token file is written aside and renamed, so a crash leaves the old
/// or the new token, never half of one; a file that is not a number makes every fenced command fail, never pass.
/// </remarks>
internal sealed class HostFence
{
    /// <summary>The exit code of a refused command (EX_TEMPFAIL in sysexits.h).</summary>
    public const int RefusedExitCode = 75;

    // What the guard writes before it exits with RefusedExitCode: a hook of the effect may exit 75 for its own reasons,
    // and that is the hook's failure, not a refusal.
    private const string RefusalMark = "soakline: refused: a later decision";

    // $1 token file, $2 this decision's token, $3 the effect (a complete command line from ShellCommand).
    private static readonly ShellScript Guard = ShellScript.Builtin(
        "if [ -e \"$1\" ]; then seen=$(cat \"$1\") || exit 1; else seen=0; fi; " +
        "case $seen in ''|*[!0-9]*) echo \"soakline: the fence file $1 does not hold a number; refusing to act\" >&2; exit 1;; esac; " +
        "if [ \"$seen\" -gt \"$2\" ]; then echo \"" + RefusalMark + " (fence $seen) has already changed this host; this one is $2\" >&2; exit " +
        RefusedExitCode.ToString(CultureInfo.InvariantCulture) + "; fi; " +
        "if [ \"$seen\" -lt \"$2\" ]; then printf '%s\\n' \"$2\" > \"$1.new\" && mv -f -- \"$1.new\" \"$1\" || exit 1; fi; " +
        "exec sh -c \"$3\"");

    private readonly RemotePath _file;
    private readonly EffectFence? _fence;

    /// <param name="file">The token file; its directory must exist when a fenced command runs.</param>
    /// <param name="fence">This decision's token; null runs every command unfenced.</param>
    public HostFence(RemotePath file, EffectFence? fence)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (fence is { Value: < 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(fence), fence.Value, "Fence: a fencing token is never negative.");
        }

        _file = file;
        _fence = fence;
    }

    /// <summary>The token file of a release root.</summary>
    public static RemotePath FileFor(ReleaseLayout layout) => (layout ?? throw new ArgumentNullException(nameof(layout))).Root.Combine(".soakline-fence");

    public bool IsFenced => _fence is not null;

    /// <summary><paramref name="effect"/>, run only if no later decision has acted, under the fence's lock.</summary>
    public ShellCommand Around(ShellCommand effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        if (_fence is null)
        {
            return effect;
        }

        var lockFile = RemotePath.Parse(_file.Value + ".lock", "fence lock");
        // -o: the lock stays with flock itself, not with the effect's children: a restart hook leaves the app's server
        // running in the background, and a server that inherited the lock would hold it for as long as it runs.
        return ShellCommand.Run("flock", ShellArgument.Option("-o"), ShellArgument.Option("--"), lockFile,
            ShellArgument.Literal("sh"), ShellArgument.Option("-c"), Guard, ShellArgument.Literal("soakline"),
            _file, ShellArgument.Literal(_fence.ToString()), ShellArgument.Script(ShellScript.Builtin(effect.Text)));
    }

    /// <summary>Whether <paramref name="result"/> is this fence's refusal rather than the effect's own failure.</summary>
    public bool Refused(CommandResult result) =>
        IsFenced
        && (result ?? throw new ArgumentNullException(nameof(result))).ExitCode == RefusedExitCode
        && result.StandardError.Contains(RefusalMark, StringComparison.Ordinal);
}
