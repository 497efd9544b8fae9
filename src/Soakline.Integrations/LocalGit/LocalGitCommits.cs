using System.Globalization;
using Soakline.Pipeline.Domain;

namespace Soakline.Integrations.LocalGit;

/// <summary>
/// Reads what a release of a local commit needs from the clone, the way GitHub's push event would carry it: the full
/// SHA, the branch (which must really contain the commit), the commit time, author and message.
/// </summary>
public sealed class LocalGitCommits(LocalGitClones clones)
{
    private readonly LocalGitCommand _git = new(clones.Options.GitExecutable, clones.Options.Timeout);

    /// <param name="commit">A SHA of 7 to 40 hex digits (no other revision syntax: what is released is named exactly).</param>
    /// <param name="branch">The branch it is released from; null: the one branch of the clone that contains it.</param>
    /// <exception cref="LocalCommitRefusedException">The commit or the branch is not in the clone as asked.</exception>
    public async Task<LocalCommit> ResolveAsync(RepositoryRef repository, string commit, string? branch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(commit);
        var clone = clones.PathOf(repository);
        if (!LocalGitCommand.IsSha(commit))
        {
            throw new LocalCommitRefusedException("commit", $"'{commit}' is not a commit SHA (7 to 40 hexadecimal digits)");
        }

        var resolved = await _git.TryAsync(clone, ["rev-parse", "--verify", "--quiet", $"{commit}^{{commit}}"], cancellationToken).ConfigureAwait(false);
        if (!resolved.Succeeded)
        {
            throw new LocalCommitRefusedException("commit", $"{commit} is not a commit in the local clone of {repository} ({clone}), or is ambiguous there: give the full SHA of a commit in it");
        }

        var sha = resolved.StandardOutput.Trim().ToLowerInvariant();
        var releasedFrom = branch is null
            ? await OnlyBranchContainingAsync(clone, repository, sha, cancellationToken).ConfigureAwait(false)
            : await RequireOnBranchAsync(clone, repository, sha, branch, cancellationToken).ConfigureAwait(false);

        var shown = await _git.RunAsync(clone, ["show", "-s", "--format=%cI%x00%an%x00%B", sha], cancellationToken).ConfigureAwait(false);
        var parts = shown.Split('\0', 3);
        return new LocalCommit(
            sha,
            releasedFrom,
            DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            parts.Length > 1 ? parts[1] : "unknown",
            parts.Length > 2 ? parts[2].Trim() : string.Empty);
    }

    private async Task<string> RequireOnBranchAsync(string clone, RepositoryRef repository, string sha, string branch, CancellationToken cancellationToken)
    {
        var valid = !branch.StartsWith('-')
            && (await _git.TryAsync(clone, ["check-ref-format", $"refs/heads/{branch}"], cancellationToken).ConfigureAwait(false)).Succeeded;
        if (!valid)
        {
            throw new LocalCommitRefusedException("branch", $"'{branch}' is not a valid branch name");
        }

        var head = await _git.TryAsync(clone, ["rev-parse", "--verify", "--quiet", $"refs/heads/{branch}^{{commit}}"], cancellationToken).ConfigureAwait(false);
        if (!head.Succeeded)
        {
            throw new LocalCommitRefusedException("branch", $"the local clone of {repository} has no branch '{branch}'");
        }

        var contained = await _git.TryAsync(clone, ["merge-base", "--is-ancestor", sha, $"refs/heads/{branch}"], cancellationToken).ConfigureAwait(false);
        return contained.ExitCode switch
        {
            0 => branch,
            1 => throw new LocalCommitRefusedException("branch", $"commit {sha[..7]} is not on branch '{branch}' of {repository} (the branch's history does not contain it)"),
            _ => throw new LocalCommitRefusedException("branch", $"git could not tell whether {sha[..7]} is on '{branch}': {contained.Tail()}"),
        };
    }

    private async Task<string> OnlyBranchContainingAsync(string clone, RepositoryRef repository, string sha, CancellationToken cancellationToken)
    {
        var listed = await _git.RunAsync(clone, ["for-each-ref", "--contains", sha, "--format=%(refname:short)", "refs/heads/"], cancellationToken).ConfigureAwait(false);
        var branches = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return branches.Length switch
        {
            1 => branches[0],
            0 => throw new LocalCommitRefusedException("branch", $"commit {sha[..7]} is on no branch of the local clone of {repository}"),

            // Which branch decides the environment, so guessing could deploy to production what was meant for staging.
            _ => throw new LocalCommitRefusedException("branch", $"commit {sha[..7]} is on several branches ({string.Join(", ", branches)}): name the one to release from"),
        };
    }
}
