using Microsoft.DurableTask;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// Production: a green E2E run for this commit when the spec requires it (expedited releases and explicit overrides
/// are recorded exceptions), approval as an external event with a timeout, then the strategy (canary stages with soak
/// analysis, blue-green or rolling) that promotes the release or rolls back exactly the hosts it changed.
/// </summary>
public sealed class ProductionOrchestrator : TaskOrchestrator<PipelineRun, ReleaseOutcome>
{
    public override async Task<ReleaseOutcome> RunAsync(TaskOrchestrationContext context, PipelineRun input)
    {
        var (spec, steps) = PipelineSteps.ForRun(context, input);
        var expedited = input.Mode == BranchMode.Expedited;
        if (input.Progress is { } progress)
        {
            return await new Rollout(steps, spec, input).ContinueAsync(progress);
        }

        steps.Status(s => s with { Stage = "checking-e2e", Release = input.Release.Value });

        if (spec.Gates.E2E is { RequiredForProduction: true } e2e && await RequireGreenE2EAsync(steps, e2e, input, expedited) is { } refused)
        {
            return steps.End(refused);
        }

        steps.Stage("planning");
        var changes = await ChangePlanner.PlanAsync(steps, spec, input.Commit);
        if (changes.Count == 0)
        {
            await steps.Record(TransitionKind.NothingToDeploy, "no component with hosts here changed");
            return steps.End(new ReleaseOutcome(ReleaseStatus.NothingToDeploy, "no component changed", input.Environment));
        }

        if (input.Mode is BranchMode.Approval or BranchMode.Expedited)
        {
            var summary = await ApprovalSummaries.BuildAsync(steps, spec, input, changes, EnvironmentKind.Production);
            if (await ApprovalGate.RunAsync(steps, EffectiveApproval(spec, input), input, summary, expedited) is { } notApproved)
            {
                return steps.End(notApproved);
            }
        }

        steps.Stage("preparing");
        var artifact = await steps.Call<ArtifactInfo>(nameof(PrepareArtifactActivity), new ArtifactRequest(input.Commit, input.Release));
        return await new Rollout(steps, spec, input).StartAsync(changes, artifact.Path);
    }

    /// <summary>
    /// The spec's approval settings with the run's effective approvers (the spec's narrowed by the protection policy);
    /// runs started before the policy existed carry none and keep the spec's.
    /// </summary>
    internal static ApprovalSpec EffectiveApproval(PipelineSpec spec, PipelineRun run) =>
        run.Approvers is { } approvers ? spec.Approval with { Approvers = approvers } : spec.Approval;

    private static async Task<ReleaseOutcome?> RequireGreenE2EAsync(PipelineSteps steps, E2ESpec e2e, PipelineRun run, bool expedited)
    {
        if (expedited || run.OverrideE2E)
        {
            var why = expedited ? "waived for an expedited release" : $"overridden by {run.Author}";
            await steps.Record(TransitionKind.E2ERequirementWaived, $"E2E requirement {why}", actor: run.Author, release: run.Release);
            return null;
        }

        var latest = await steps.Call<WorkflowRunStatus?>(nameof(FindWorkflowRunActivity), new WorkflowRunQuery(run.Commit.Repository, e2e.Workflow, run.Commit.Sha));
        if (latest is { IsCompleted: true, Conclusion: WorkflowConclusion.Success })
        {
            return null;
        }

        var state = latest is null ? "has not run" : latest.IsCompleted ? $"concluded {latest.Conclusion?.ToString().ToLowerInvariant()}" : "is still running";
        var detail = $"E2E ({e2e.Workflow}) {state} for {run.Commit}; production needs it green (or an explicit override)";
        await steps.Record(TransitionKind.E2ERequirementNotMet, detail, release: run.Release);
        await steps.SetCommitStatus($"soakline/{run.Environment}", CommitStatusState.Failure, detail);
        await steps.Notify(Severity.Warning, $"{run.Commit} refused for {run.Environment}", detail);
        return new ReleaseOutcome(ReleaseStatus.E2ERequirementNotMet, detail, run.Environment, run.Release);
    }
}
