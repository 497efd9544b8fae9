using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.LocalGit;

/// <summary>
/// <see cref="ISourceControl"/> over local git clones, for standalone mode without GitHub: files and diffs from the
/// clone, commit statuses and deployment records in the clone's git directory (<see cref="LocalGitRecords"/>).
/// </summary>
/// <remarks>
/// There is no CI on a clone, so required checks are read conservatively: only a commit status set through this adapter
/// counts, and a check nothing reported is <see cref="CheckState.Missing"/> (never success), so a gate with required
/// checks waits and then fails at its timeout instead of passing a check that never ran. There are no workflows either:
/// an E2E gate fails at once, permanently, naming the spec field.
/// </remarks>
public sealed class LocalGitSourceControl : ISourceControl
{
    private readonly LocalGitClones _clones;
    private readonly LocalGitCommand _git;
    private readonly LocalGitRecords _records;

    public LocalGitSourceControl(LocalGitClones clones, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clones);
        _clones = clones;
        _git = new LocalGitCommand(clones.Options.GitExecutable, clones.Options.Timeout);
        _records = new LocalGitRecords(_git, clock);
    }

    public async Task<CommitChecks> GetChecksAsync(CommitRef commit, IReadOnlyList<string> requiredChecks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requiredChecks);
        var clone = await RequireCommitAsync(commit, cancellationToken).ConfigureAwait(false);
        var statuses = await _records.CommitStatusesAsync(clone, commit.Sha, cancellationToken).ConfigureAwait(false);
        return new CommitChecks([.. requiredChecks.Select(name => statuses.LastOrDefault(s => s.Context == name) is { } status
            ? new CheckResult(name, StateOf(status.State), status.TargetUrl?.AbsoluteUri)
            : new CheckResult(name, CheckState.Missing))]);
    }

    public Task DispatchWorkflowAsync(WorkflowDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        return Task.FromException(NoWorkflows(dispatch.Repository, dispatch.WorkflowFile));
    }

    public Task<WorkflowRunStatus?> FindLatestWorkflowRunAsync(RepositoryRef repository, string workflowFile, string headSha, CancellationToken cancellationToken) =>
        Task.FromException<WorkflowRunStatus?>(NoWorkflows(repository, workflowFile));

    public async Task<string?> GetFileContentAsync(CommitRef commit, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var clone = await RequireCommitAsync(commit, cancellationToken).ConfigureAwait(false);
        var objectName = $"{commit.Sha}:{path.TrimStart('/')}";
        var type = await _git.TryAsync(clone, ["cat-file", "-t", objectName], cancellationToken).ConfigureAwait(false);
        if (!type.Succeeded)
        {
            return null;
        }

        if (type.StandardOutput.Trim() != "blob")
        {
            throw new SourceControlException($"'{path}' at {commit} is a {type.StandardOutput.Trim()}, not a file") { IsPermanent = true };
        }

        return await _git.RunAsync(clone, ["cat-file", "blob", objectName], cancellationToken).ConfigureAwait(false);
    }

    /// <remarks>
    /// Three dots, as GitHub's compare: what <paramref name="headSha"/> changed since the two diverged. No rename
    /// detection, so a moved file lists both its paths and a component at the old path counts as changed.
    /// </remarks>
    public async Task<IReadOnlyList<string>> GetChangedPathsAsync(RepositoryRef repository, string baseSha, string headSha, CancellationToken cancellationToken)
    {
        var clone = await RequireCommitAsync(new CommitRef(repository, baseSha), cancellationToken).ConfigureAwait(false);
        await RequireCommitAsync(new CommitRef(repository, headSha), cancellationToken).ConfigureAwait(false);
        var output = await _git.RunAsync(clone, ["diff", "--name-only", "--no-renames", "-z", $"{baseSha}...{headSha}"], cancellationToken).ConfigureAwait(false);
        return [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
    }

    public async Task<DeploymentRef> CreateDeploymentAsync(CommitRef commit, string environment, string description, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        var clone = await RequireCommitAsync(commit, cancellationToken).ConfigureAwait(false);
        var id = await _records.CreateDeploymentAsync(clone, commit.Sha, environment, description ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return new DeploymentRef(commit.Repository, id, environment);
    }

    public Task SetDeploymentStatusAsync(DeploymentStatusUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return _records.AddDeploymentStatusAsync(_clones.PathOf(update.Deployment.Repository), update, cancellationToken);
    }

    public async Task SetCommitStatusAsync(CommitRef commit, CommitStatusUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var clone = await RequireCommitAsync(commit, cancellationToken).ConfigureAwait(false);
        await _records.AddCommitStatusAsync(clone, commit.Sha, update, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The clone, once the commit is known to be a commit in it; otherwise a permanent error saying which.</summary>
    private async Task<string> RequireCommitAsync(CommitRef commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var clone = _clones.PathOf(commit.Repository);
        if (!LocalGitCommand.IsSha(commit.Sha))
        {
            throw new SourceControlException($"'{commit.Sha}' is not a hexadecimal commit SHA") { IsPermanent = true };
        }

        var found = await _git.TryAsync(clone, ["cat-file", "-e", $"{commit.Sha}^{{commit}}"], cancellationToken).ConfigureAwait(false);
        return found.Succeeded
            ? clone
            : throw new SourceControlException($"commit {commit.Sha} is not in the local clone of {commit.Repository} ({clone}); fetch it there first") { IsPermanent = true };
    }

    private static SourceControlException NoWorkflows(RepositoryRef repository, string workflowFile) =>
        new($"e2e: the spec's E2E workflow '{workflowFile}' needs GitHub Actions, but {repository} is served from a local clone ({LocalGitClones.SettingName(repository.FullName)}), which runs no workflows; remove gates.e2e from .soakline.yml or serve the repository through GitHub")
        {
            IsPermanent = true,
        };

    private static CheckState StateOf(CommitStatusState state) => state switch
    {
        CommitStatusState.Success => CheckState.Success,
        CommitStatusState.Pending => CheckState.Pending,
        _ => CheckState.Failure,
    };
}
