using System.Collections.Concurrent;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration.Fakes;

/// <summary>GitHub as the pipeline sees it: checks, the E2E workflow, changed paths and commit statuses.</summary>
internal sealed class FakeSourceControl(TimeProvider clock) : ISourceControl
{
    private int _checkReads;
    private int _fileReads;

    /// <summary>The state of every required check on the n-th read (0-based).</summary>
    public Func<int, CheckState> CheckStateOnRead { get; set; } = _ => CheckState.Success;

    /// <summary>The conclusion of E2E runs started by a dispatch.</summary>
    public WorkflowConclusion E2EConclusion { get; set; } = WorkflowConclusion.Success;

    public ConcurrentDictionary<string, WorkflowRunStatus> RunsBySha { get; } = new();

    public IReadOnlyList<string> ChangedPaths { get; set; } = ["api/app.cs"];

    public ConcurrentQueue<WorkflowDispatch> Dispatches { get; } = new();

    public ConcurrentQueue<(CommitRef Commit, CommitStatusUpdate Update)> Statuses { get; } = new();

    public int CheckReads => _checkReads;

    public void MarkE2E(string sha, WorkflowConclusion conclusion) =>
        RunsBySha[sha] = new WorkflowRunStatus(RunsBySha.Count + 1, true, conclusion, $"https://github.test/runs/{sha}", clock.GetUtcNow());

    public Task<CommitChecks> GetChecksAsync(CommitRef commit, IReadOnlyList<string> requiredChecks, CancellationToken cancellationToken)
    {
        var state = CheckStateOnRead(Interlocked.Increment(ref _checkReads) - 1);
        return Task.FromResult(new CommitChecks([.. requiredChecks.Select(name => new CheckResult(name, state))]));
    }

    public Task DispatchWorkflowAsync(WorkflowDispatch dispatch, CancellationToken cancellationToken)
    {
        Dispatches.Enqueue(dispatch);
        MarkE2E(dispatch.Inputs["sha"], E2EConclusion);
        return Task.CompletedTask;
    }

    public Task<WorkflowRunStatus?> FindLatestWorkflowRunAsync(RepositoryRef repository, string workflowFile, string headSha, CancellationToken cancellationToken) =>
        Task.FromResult(RunsBySha.TryGetValue(headSha, out var run) ? run : null);

    /// <summary>File contents by commit SHA and path.</summary>
    public ConcurrentDictionary<(string Sha, string Path), string> Files { get; } = new();

    /// <summary>The failure of the n-th file read (0-based), or null for the read to succeed.</summary>
    public Func<int, Exception?> FileReadFailure { get; set; } = _ => null;

    /// <summary>The failure of every commit status write, or null for writes to succeed.</summary>
    public Exception? StatusFailure { get; set; }

    public int FileReads => _fileReads;

    public Task<string?> GetFileContentAsync(CommitRef commit, string path, CancellationToken cancellationToken) =>
        FileReadFailure(Interlocked.Increment(ref _fileReads) - 1) is { } failure
            ? Task.FromException<string?>(failure)
            : Task.FromResult(Files.TryGetValue((commit.Sha, path), out var text) ? text : null);

    public Task<IReadOnlyList<string>> GetChangedPathsAsync(RepositoryRef repository, string baseSha, string headSha, CancellationToken cancellationToken) =>
        Task.FromResult(ChangedPaths);

    public Task<DeploymentRef> CreateDeploymentAsync(CommitRef commit, string environment, string description, CancellationToken cancellationToken) =>
        Task.FromResult(new DeploymentRef(commit.Repository, 1, environment));

    public ConcurrentQueue<DeploymentStatusUpdate> DeploymentStatuses { get; } = new();

    public Task SetDeploymentStatusAsync(DeploymentStatusUpdate update, CancellationToken cancellationToken)
    {
        DeploymentStatuses.Enqueue(update);
        return Task.CompletedTask;
    }

    public Task SetCommitStatusAsync(CommitRef commit, CommitStatusUpdate update, CancellationToken cancellationToken)
    {
        if (StatusFailure is not null)
        {
            return Task.FromException(StatusFailure);
        }

        Statuses.Enqueue((commit, update));
        return Task.CompletedTask;
    }
}
