using Microsoft.DurableTask;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// Staging: approval first when the run's mode asks for it (the protection policy may require it), then deploy the changed components to every staging host, health-check, and on failure put staging back on
/// its previous release. Then dispatch the E2E workflow and await it: informational, recorded on the commit and
/// notified, never a reason to roll staging back.
/// </summary>
public sealed class StagingOrchestrator : TaskOrchestrator<PipelineRun, ReleaseOutcome>
{
    public override async Task<ReleaseOutcome> RunAsync(TaskOrchestrationContext context, PipelineRun input)
    {
        var (spec, steps) = PipelineSteps.ForRun(context, input);
        steps.Status(s => s with { Stage = "planning", Release = input.Release.Value });

        var changes = await ChangePlanner.PlanAsync(steps, spec, input.Commit);
        if (changes.Count == 0)
        {
            await steps.Record(TransitionKind.NothingToDeploy, "no component with hosts here changed");
            return steps.End(new ReleaseOutcome(ReleaseStatus.NothingToDeploy, "no component changed", input.Environment));
        }

        // Staging waits for a decision only when the protection policy (or the spec) asks for one.
        if (input.Mode is BranchMode.Approval or BranchMode.Expedited)
        {
            var summary = await ApprovalSummaries.BuildAsync(steps, spec, input, changes, EnvironmentKind.Staging);
            if (await ApprovalGate.RunAsync(steps, ProductionOrchestrator.EffectiveApproval(spec, input), input, summary, input.Mode == BranchMode.Expedited) is { } notApproved)
            {
                return steps.End(notApproved);
            }
        }

        steps.Stage("deploying", string.Join(", ", changes.Select(c => c.Component.Name)));
        var record = await steps.StartDeployment($"{input.Release} ({string.Join(", ", changes.Select(c => c.Component.Name))})");
        var artifact = await steps.Call<ArtifactInfo>(nameof(PrepareArtifactActivity), new ArtifactRequest(input.Commit, input.Release));
        var deployments = new List<HostDeployment>();
        foreach (var change in changes)
        {
            deployments.Add(await HostDeployer.DeployAndVerifyAsync(steps, change, change.Hosts, input.Release, input.Commit, artifact.Path));
        }

        if (deployments.Exists(d => !d.Succeeded))
        {
            var failed = await RestorePreviousAsync(steps, input, changes, deployments);
            await steps.FinishDeployment(record, DeploymentState.Failure, failed.Detail);
            return steps.End(failed);
        }

        foreach (var change in changes)
        {
            await steps.Record(TransitionKind.Deployed, $"{change.Component.Name} {input.Release}", change.Component.Name, input.Release, change.Hosts);
        }

        await steps.Record(TransitionKind.Released, $"{input.Release} on {input.Environment}", release: input.Release, committedAt: input.CommittedAt);
        // Deployed from here on, whatever E2E says; the status says so until E2E runs and again at the end.
        steps.Status(s => s with { Stage = FinalStages.Deployed, TrafficPercent = 100, Serving = input.Release.Value, Detail = null });
        await steps.FinishDeployment(record, DeploymentState.Success, $"deployed {input.Release}");
        await steps.SetCommitStatus($"soakline/{input.Environment}", CommitStatusState.Success, $"deployed {input.Release}");
        await steps.Notify(Severity.Info, $"{input.Release} deployed to {input.Environment}", $"{input.Commit} by {input.Author}: {input.Message}");

        var e2e = spec.Gates.E2E is { } e2eSpec ? await E2ERunner.RunAsync(steps, e2eSpec, input) : "no E2E workflow configured";
        return steps.End(new ReleaseOutcome(ReleaseStatus.Deployed, $"{input.Release} deployed; {e2e}", input.Environment, input.Release, input.Release));
    }

    private static async Task<ReleaseOutcome> RestorePreviousAsync(PipelineSteps steps, PipelineRun input, IReadOnlyList<ComponentChange> changes, List<HostDeployment> deployments)
    {
        var failure = string.Join("; ", deployments.Where(d => !d.Succeeded).Select(d => d.Detail));
        var kind = failure.Contains("health check", StringComparison.Ordinal) ? TransitionKind.HealthFailed : TransitionKind.DeployFailed;
        await steps.Record(kind, failure, release: input.Release);
        await steps.Record(TransitionKind.ChangeFailed, failure, release: input.Release);
        steps.Stage("rolling-back", failure);

        var restored = true;
        foreach (var deployment in deployments.Where(d => d.SwitchedHosts.Count > 0))
        {
            var change = changes.First(c => c.Component.Name == deployment.Component);
            var previous = change.Current?.Release;
            var request = new RollbackRequest(ComponentTargets.For(change.Component), deployment.SwitchedHosts, previous, failure, steps.Fence);
            var result = await steps.Call<DeployResult>(nameof(RollbackComponentActivity), request);
            restored &= result.AllSucceeded;
            await steps.Record(
                result.AllSucceeded ? TransitionKind.RolledBack : TransitionKind.RollbackFailed,
                $"{change.Component.Name} back to {previous?.Value ?? "its previous release"}",
                change.Component.Name,
                previous,
                deployment.SwitchedHosts);
        }

        if (restored)
        {
            await steps.Record(TransitionKind.Restored, $"{input.Environment} back on its previous release");
        }

        await steps.SetCommitStatus($"soakline/{input.Environment}", CommitStatusState.Failure, failure);
        await steps.Notify(restored ? Severity.Warning : Severity.Critical, $"Deploy of {input.Release} to {input.Environment} failed", $"{failure}. {(restored ? "Back on the previous release." : "Rollback did not complete on every host.")}");

        // What serves now: the previous release once every switched host went back to it (one, or unknown).
        var previousReleases = changes.Select(c => c.Current?.Release).Distinct().ToList();
        var serving = restored && previousReleases.Count == 1 ? previousReleases[0] : null;
        return new ReleaseOutcome(ReleaseStatus.DeployFailed, failure, input.Environment, input.Release, serving);
    }
}
