using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// Dispatches the E2E workflow against the freshly deployed environment and waits for its run (polling on durable
/// timers). The result is recorded on the commit, where production's E2E requirement reads it back.
/// </summary>
internal static class E2ERunner
{
    public const string StatusContext = "soakline/e2e";

    /// <summary>A sentence describing the outcome, for the pipeline's detail.</summary>
    public static async Task<string> RunAsync(PipelineSteps steps, E2ESpec e2e, PipelineRun run)
    {
        var repository = run.Commit.Repository;
        steps.Stage("e2e", e2e.Workflow);
        var dispatchedAt = steps.Now;
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal) { ["sha"] = run.Commit.Sha, ["release"] = run.Release.Value, ["environment"] = run.Environment };
        await steps.Call<bool>(nameof(DispatchWorkflowActivity), new WorkflowDispatch(repository, e2e.Workflow, run.Commit.Branch ?? run.Commit.Sha, inputs));
        await steps.SetCommitStatus(StatusContext, CommitStatusState.Pending, $"{e2e.Workflow} running against {run.Environment}");

        var deadline = dispatchedAt + e2e.Timeout;
        WorkflowRunStatus? latest = null;
        while (steps.Now < deadline)
        {
            await steps.Pause(e2e.PollInterval);
            latest = await steps.Call<WorkflowRunStatus?>(nameof(FindWorkflowRunActivity), new WorkflowRunQuery(repository, e2e.Workflow, run.Commit.Sha));

            // Only a run started by this dispatch counts; an older run of the same commit says nothing about this deploy.
            if (latest is { IsCompleted: true } && latest.CreatedAt >= dispatchedAt.AddMinutes(-1))
            {
                break;
            }
        }

        var passed = latest is { IsCompleted: true, Conclusion: WorkflowConclusion.Success };
        var detail = latest is { IsCompleted: true }
            ? $"E2E {latest.Conclusion?.ToString().ToLowerInvariant()} ({latest.HtmlUrl})"
            : $"E2E did not finish within {e2e.Timeout}";
        await steps.Record(passed ? TransitionKind.E2EPassed : TransitionKind.E2EFailed, detail, release: run.Release);
        await steps.SetCommitStatus(StatusContext, passed ? CommitStatusState.Success : CommitStatusState.Failure, detail);
        if (!passed)
        {
            var consequence = e2e.RequiredForProduction ? " Production will refuse this commit unless overridden." : string.Empty;
            await steps.Notify(Severity.Warning, $"E2E red on {run.Environment} for {run.Commit}", $"{detail}. {run.Environment} stays on {run.Release} (E2E is informational there).{consequence}");
        }

        return detail;
    }
}
