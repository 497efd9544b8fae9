using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Adapters;

/// <summary>
/// Stands in for source control when no adapter is configured, so everything resolves; the app refuses to start with
/// it (StartupSettingsCheck) and names <see cref="Reason"/>. Should it run anyway (a host that skips the check), every
/// call fails permanently with that reason instead of failing to resolve a service.
/// </summary>
internal sealed class UnconfiguredSourceControl : ISourceControl
{
    public const string Reason =
        "no source control is configured, so no pipeline could read its .soakline.yml: either connect GitHub with Soakline__GitHub__Token (or Soakline__GitHub__AppId, __PrivateKey and __InstallationId for a GitHub App), or serve a repository from a local clone with Soakline__LocalGit__Repositories__<owner>/<name>=<path of the clone>";

    public Task<CommitChecks> GetChecksAsync(CommitRef commit, IReadOnlyList<string> requiredChecks, CancellationToken cancellationToken) => Fail<CommitChecks>();

    public Task DispatchWorkflowAsync(WorkflowDispatch dispatch, CancellationToken cancellationToken) => Fail<bool>();

    public Task<WorkflowRunStatus?> FindLatestWorkflowRunAsync(RepositoryRef repository, string workflowFile, string headSha, CancellationToken cancellationToken) => Fail<WorkflowRunStatus?>();

    public Task<string?> GetFileContentAsync(CommitRef commit, string path, CancellationToken cancellationToken) => Fail<string?>();

    public Task<IReadOnlyList<string>> GetChangedPathsAsync(RepositoryRef repository, string baseSha, string headSha, CancellationToken cancellationToken) => Fail<IReadOnlyList<string>>();

    public Task<DeploymentRef> CreateDeploymentAsync(CommitRef commit, string environment, string description, CancellationToken cancellationToken) => Fail<DeploymentRef>();

    public Task SetDeploymentStatusAsync(DeploymentStatusUpdate update, CancellationToken cancellationToken) => Fail<bool>();

    public Task SetCommitStatusAsync(CommitRef commit, CommitStatusUpdate update, CancellationToken cancellationToken) => Fail<bool>();

    private static Task<T> Fail<T>() => Task.FromException<T>(new SourceControlException(Reason) { IsPermanent = true });
}
