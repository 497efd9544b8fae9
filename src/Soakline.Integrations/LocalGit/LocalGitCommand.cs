using System.Text.RegularExpressions;
using Soakline.Integrations.Deploy.Local;
using Soakline.Integrations.Deploy.Shell;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.LocalGit;

/// <summary>
/// Runs the git command line in a clone. The git CLI rather than LibGit2Sharp: the artifact source already runs it
/// (<c>git archive</c>), so standalone mode needs no native library, and what the adapter reads is exactly what
/// <c>git</c> shows the operator in the same clone. Arguments go as a list, never through a shell.
/// </summary>
internal sealed partial class LocalGitCommand(string gitExecutable, TimeSpan timeout)
{
    /// <summary>Runs git; a non-zero exit is returned, not thrown, for the callers that read it as "no".</summary>
    public async Task<CommandResult> TryAsync(string clone, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessRunner.RunAsync(gitExecutable, ["-C", clone, .. arguments], null, null, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SourceControlException($"could not run '{gitExecutable}' for the local clone {clone}: {ex.Message} (install git, or set Soakline__LocalGit__GitExecutable)", ex) { IsPermanent = true };
        }
        catch (Deploy.DeployHostException ex)
        {
            throw new SourceControlException($"git in {clone}: {ex.Message}", ex);
        }
    }

    /// <summary>Runs git and returns its output; a non-zero exit is a permanent error with git's own words.</summary>
    public async Task<string> RunAsync(string clone, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await TryAsync(clone, arguments, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? result.StandardOutput
            : throw new SourceControlException($"git {arguments[0]} in {clone} failed (exit {result.ExitCode}): {result.Tail()}") { IsPermanent = true };
    }

    /// <summary>
    /// A commit SHA, full or abbreviated. Checked before git sees it although it gets an argument list: a value starting
    /// with '-' would still read as an option.
    /// </summary>
    public static bool IsSha(string value) => ShaPattern().IsMatch(value);

    [GeneratedRegex("^[0-9a-fA-F]{7,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShaPattern();
}
