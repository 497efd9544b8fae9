using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.LocalGit;

/// <summary>
/// Both GitHub and local clones configured: a repository with a clone setting is served entirely from its clone, every
/// other one by GitHub. Per repository, never per call, so one pipeline never mixes the two.
/// </summary>
public sealed class LocalFirstSourceControl(LocalGitClones clones, ISourceControl local, ISourceControl remote) : ISourceControl
{
    public Task<CommitChecks> GetChecksAsync(CommitRef commit, IReadOnlyList<string> requiredChecks, CancellationToken cancellationToken) =>
        For(commit.Repository).GetChecksAsync(commit, requiredChecks, cancellationToken);

    public Task DispatchWorkflowAsync(WorkflowDispatch dispatch, CancellationToken cancellationToken) =>
        For(dispatch.Repository).DispatchWorkflowAsync(dispatch, cancellationToken);

    public Task<WorkflowRunStatus?> FindLatestWorkflowRunAsync(RepositoryRef repository, string workflowFile, string headSha, CancellationToken cancellationToken) =>
        For(repository).FindLatestWorkflowRunAsync(repository, workflowFile, headSha, cancellationToken);

    public Task<string?> GetFileContentAsync(CommitRef commit, string path, CancellationToken cancellationToken) =>
        For(commit.Repository).GetFileContentAsync(commit, path, cancellationToken);

    public Task<IReadOnlyList<string>> GetChangedPathsAsync(RepositoryRef repository, string baseSha, string headSha, CancellationToken cancellationToken) =>
        For(repository).GetChangedPathsAsync(repository, baseSha, headSha, cancellationToken);

    public Task<DeploymentRef> CreateDeploymentAsync(CommitRef commit, string environment, string description, CancellationToken cancellationToken) =>
        For(commit.Repository).CreateDeploymentAsync(commit, environment, description, cancellationToken);

    public Task SetDeploymentStatusAsync(DeploymentStatusUpdate update, CancellationToken cancellationToken) =>
        For(update.Deployment.Repository).SetDeploymentStatusAsync(update, cancellationToken);

    public Task SetCommitStatusAsync(CommitRef commit, CommitStatusUpdate update, CancellationToken cancellationToken) =>
        For(commit.Repository).SetCommitStatusAsync(commit, update, cancellationToken);

    private ISourceControl For(RepositoryRef repository) => clones.Serves(repository) ? local : remote;
}
