using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>
/// The source-control host (GitHub): checks on a commit, the E2E workflow, files and diffs, deployment records.
/// </summary>
/// <remarks>
/// Implementations turn authentication and permission failures into <see cref="SourceControlException"/> with a
/// message that says what is missing (scope, installation, repository), and respect the host's rate limits.
/// </remarks>
public interface ISourceControl
{
    /// <summary>The state of each named check (check runs and commit statuses) on a commit.</summary>
    Task<CommitChecks> GetChecksAsync(CommitRef commit, IReadOnlyList<string> requiredChecks, CancellationToken cancellationToken);

    /// <summary>Starts a <c>workflow_dispatch</c> run of a workflow file on a ref.</summary>
    Task DispatchWorkflowAsync(WorkflowDispatch dispatch, CancellationToken cancellationToken);

    /// <summary>The newest run of a workflow for a commit, or null when none exists yet.</summary>
    Task<WorkflowRunStatus?> FindLatestWorkflowRunAsync(RepositoryRef repository, string workflowFile, string headSha, CancellationToken cancellationToken);

    /// <summary>A file's text at a commit, or null when the file does not exist there.</summary>
    Task<string?> GetFileContentAsync(CommitRef commit, string path, CancellationToken cancellationToken);

    /// <summary>Paths changed between two commits (compare API); used for change detection per component.</summary>
    Task<IReadOnlyList<string>> GetChangedPathsAsync(RepositoryRef repository, string baseSha, string headSha, CancellationToken cancellationToken);

    /// <summary>Creates a deployment record for an environment and commit.</summary>
    Task<DeploymentRef> CreateDeploymentAsync(CommitRef commit, string environment, string description, CancellationToken cancellationToken);

    /// <summary>Adds a status to a deployment record.</summary>
    Task SetDeploymentStatusAsync(DeploymentStatusUpdate update, CancellationToken cancellationToken);

    /// <summary>Sets a commit status (used for the gate and to record E2E outcomes on the commit).</summary>
    Task SetCommitStatusAsync(CommitRef commit, CommitStatusUpdate update, CancellationToken cancellationToken);
}
