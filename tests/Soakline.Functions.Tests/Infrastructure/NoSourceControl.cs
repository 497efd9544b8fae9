using Soakline.Functions.Adapters;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>
/// The source control of a test app whose settings name none (most tests exercise the API, not the spec): every call
/// fails permanently with the app's own <see cref="UnconfiguredSourceControl.Reason"/>, as the app's stand-in would. A
/// type of its own because the app refuses to start on its stand-in (StartupSettingsCheck); see
/// <see cref="SoaklineAppFactory.WithoutSourceControl"/> for the app as an operator would start it.
/// </summary>
internal sealed class NoSourceControl : ISourceControl
{
    private readonly UnconfiguredSourceControl _unconfigured = new();

    public Task<CommitChecks> GetChecksAsync(CommitRef commit, IReadOnlyList<string> requiredChecks, CancellationToken cancellationToken) => _unconfigured.GetChecksAsync(commit, requiredChecks, cancellationToken);

    public Task DispatchWorkflowAsync(WorkflowDispatch dispatch, CancellationToken cancellationToken) => _unconfigured.DispatchWorkflowAsync(dispatch, cancellationToken);

    public Task<WorkflowRunStatus?> FindLatestWorkflowRunAsync(RepositoryRef repository, string workflowFile, string headSha, CancellationToken cancellationToken) => _unconfigured.FindLatestWorkflowRunAsync(repository, workflowFile, headSha, cancellationToken);

    public Task<string?> GetFileContentAsync(CommitRef commit, string path, CancellationToken cancellationToken) => _unconfigured.GetFileContentAsync(commit, path, cancellationToken);

    public Task<IReadOnlyList<string>> GetChangedPathsAsync(RepositoryRef repository, string baseSha, string headSha, CancellationToken cancellationToken) => _unconfigured.GetChangedPathsAsync(repository, baseSha, headSha, cancellationToken);

    public Task<DeploymentRef> CreateDeploymentAsync(CommitRef commit, string environment, string description, CancellationToken cancellationToken) => _unconfigured.CreateDeploymentAsync(commit, environment, description, cancellationToken);

    public Task SetDeploymentStatusAsync(DeploymentStatusUpdate update, CancellationToken cancellationToken) => _unconfigured.SetDeploymentStatusAsync(update, cancellationToken);

    public Task SetCommitStatusAsync(CommitRef commit, CommitStatusUpdate update, CancellationToken cancellationToken) => _unconfigured.SetCommitStatusAsync(commit, update, cancellationToken);
}
