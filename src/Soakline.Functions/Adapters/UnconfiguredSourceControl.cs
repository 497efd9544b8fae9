using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Adapters;

/// <summary>
/// Stands in for source control when no adapter is configured, so a pipeline ends with a reason the operator can act
/// on (which settings to add) instead of failing to resolve a service. Every call fails permanently with that reason.
/// </summary>
internal sealed class UnconfiguredSourceControl : ISourceControl
{
    public const string Reason =
        "no source control is configured: set Soakline__GitHub__Token (or Soakline__GitHub__AppId, __PrivateKey and __InstallationId for a GitHub App) so Soakline can read .soakline.yml and report on commits";

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
