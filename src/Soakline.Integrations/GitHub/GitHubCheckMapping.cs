using Octokit;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.GitHub;

/// <summary>Maps GitHub check runs, commit statuses and workflow runs onto the port's states.</summary>
internal static class GitHubCheckMapping
{
    public static CheckState FromCheckRun(CheckRun run)
    {
        if (!run.Status.TryParse(out var status) || status != CheckStatus.Completed)
        {
            return CheckState.Pending;
        }

        // Neutral and skipped do not block a merge on GitHub either; everything else that completed is a failure.
        return run.Conclusion is { } conclusion && conclusion.TryParse(out var value)
            && value is CheckConclusion.Success or CheckConclusion.Neutral or CheckConclusion.Skipped
            ? CheckState.Success
            : CheckState.Failure;
    }

    public static CheckState FromCommitStatus(CommitStatus status) =>
        status.State.TryParse(out var state)
            ? state switch
            {
                CommitState.Success => CheckState.Success,
                CommitState.Pending => CheckState.Pending,
                _ => CheckState.Failure,
            }
            : CheckState.Failure;

    public static CommitState ToCommitState(CommitStatusState state) => state switch
    {
        CommitStatusState.Pending => CommitState.Pending,
        CommitStatusState.Success => CommitState.Success,
        CommitStatusState.Failure => CommitState.Failure,
        CommitStatusState.Error => CommitState.Error,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown commit status state."),
    };

    public static Octokit.DeploymentState ToDeploymentState(Pipeline.Ports.DeploymentState state) => state switch
    {
        Pipeline.Ports.DeploymentState.Queued => Octokit.DeploymentState.Queued,
        Pipeline.Ports.DeploymentState.InProgress => Octokit.DeploymentState.InProgress,
        Pipeline.Ports.DeploymentState.Success => Octokit.DeploymentState.Success,
        Pipeline.Ports.DeploymentState.Failure => Octokit.DeploymentState.Failure,
        Pipeline.Ports.DeploymentState.Inactive => Octokit.DeploymentState.Inactive,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown deployment state."),
    };

    public static Pipeline.Ports.WorkflowRunStatus ToRunStatus(WorkflowRun run)
    {
        var completed = run.Status.TryParse(out var status) && status == Octokit.WorkflowRunStatus.Completed;
        WorkflowConclusion? conclusion = null;
        if (completed)
        {
            conclusion = run.Conclusion is { } c && c.TryParse(out var value)
                ? value switch
                {
                    WorkflowRunConclusion.Success => WorkflowConclusion.Success,
                    WorkflowRunConclusion.Neutral => WorkflowConclusion.Neutral,
                    WorkflowRunConclusion.Cancelled or WorkflowRunConclusion.Stale => WorkflowConclusion.Cancelled,
                    WorkflowRunConclusion.TimedOut => WorkflowConclusion.TimedOut,
                    WorkflowRunConclusion.Skipped => WorkflowConclusion.Skipped,
                    WorkflowRunConclusion.ActionRequired => WorkflowConclusion.ActionRequired,
                    _ => WorkflowConclusion.Failure,
                }
                : WorkflowConclusion.Failure;
        }

        return new Pipeline.Ports.WorkflowRunStatus(run.Id, completed, conclusion, run.HtmlUrl, run.CreatedAt);
    }

    /// <summary>GitHub rejects status and deployment descriptions over 140 characters.</summary>
    public static string? Truncate(string? text, int max = 140) =>
        text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
