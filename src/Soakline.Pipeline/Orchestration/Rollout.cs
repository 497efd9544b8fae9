using Microsoft.DurableTask;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Delivery;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// Moves production to a release stage by stage (all changed components in lockstep): put the release on the stage's
/// hosts, shift traffic, soak under analysis, promote. Any failure rolls back exactly the hosts switched so far.
/// A component with no previous release has nothing to compare against or return to, so it is deployed whole first.
/// The orchestrator continues as new after each stage and every few analyses (<see cref="RolloutProgress"/>).
/// </summary>
internal sealed class Rollout(PipelineSteps steps, PipelineSpec spec, PipelineRun run)
{
    private readonly Dictionary<string, List<string>> _switched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrafficState> _routingBefore = new(StringComparer.Ordinal);

    /// <summary>What a continued execution returns; the parent only ever sees the last execution's output.</summary>
    private static readonly ReleaseOutcome Continued = new(ReleaseStatus.Deployed, "continued as new");

    private DeploymentRef? _deployment;

    /// <summary>The share the router applied at the last shift (smallest over the components); null before any shift.</summary>
    private double? _effective;

    public async Task<ReleaseOutcome> StartAsync(IReadOnlyList<ComponentChange> changes, string artifactPath)
    {
        _deployment = await steps.StartDeployment($"{run.Release} ({spec.Strategy.Kind.ToString().ToLowerInvariant()})");
        foreach (var first in changes.Where(c => c.Current is null))
        {
            steps.Stage("first-deploy", first.Component.Name);
            var deployment = await HostDeployer.DeployAndVerifyAsync(steps, first, first.Hosts, run.Release, run.Commit, artifactPath);
            if (!deployment.Succeeded)
            {
                await steps.Record(TransitionKind.DeployFailed, $"{deployment.Detail} (first release: nothing to roll back to)", first.Component.Name, run.Release, deployment.SwitchedHosts);
                await steps.Notify(Severity.Critical, $"First deploy of {first.Component.Name} to {run.Environment} failed", deployment.Detail);
                await steps.FinishDeployment(_deployment, DeploymentState.Failure, deployment.Detail);
                return steps.End(new ReleaseOutcome(ReleaseStatus.DeployFailed, deployment.Detail, run.Environment, run.Release));
            }

            _switched[first.Component.Name] = [.. first.Hosts];
        }

        return await ContinueAsync(new RolloutProgress(0, null, artifactPath, changes, new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, TrafficState>(), _deployment));
    }

    public async Task<ReleaseOutcome> ContinueAsync(RolloutProgress progress)
    {
        _deployment = progress.Deployment;
        _effective = progress.EffectivePercent;

        // A continued execution starts from a fresh status: say at once what is routed, not 0 % until the next shift.
        steps.Status(s => s with { Release = run.Release.Value, TrafficPercent = Share(_effective) });
        if (progress.Approval is { } approval)
        {
            steps.Status(s => s with { Approval = approval });
        }

        foreach (var (component, hosts) in progress.Switched)
        {
            _switched[component] = [.. hosts];
        }

        foreach (var (component, routing) in progress.RoutingBefore)
        {
            _routingBefore.TryAdd(component, routing);
        }

        var canaries = progress.Changes.Where(c => c.Current is not null).ToList();
        var plans = canaries.ToDictionary(c => c.Component.Name, c => RolloutPlanner.Plan(spec.Strategy, spec.Analysis, c.Hosts.Count, run.Mode == BranchMode.Expedited), StringComparer.Ordinal);
        var stageCount = plans.Count == 0 ? 0 : plans.Values.Max(p => p.Count);
        var index = progress.StageIndex;
        string? lastDryRun = null;
        if (index < stageCount)
        {
            var (percent, soak) = StageOf(plans, index);
            var state = progress.Soak;
            SoakResult soaked;
            try
            {
                if (state is null)
                {
                    if (await StartStageAsync(canaries, plans, index, progress.ArtifactPath) is { } failed)
                    {
                        return await AbortAsync(canaries, failed);
                    }

                    state = new SoakState(steps.Now + soak, 0, 0, null, null);
                }

                var soaking = state;
                steps.Status(s => s with { Stage = $"stage {index + 1}: soaking", Release = run.Release.Value, TrafficPercent = Share(_effective ?? percent), RequestedPercent = percent, LastAnalysis = soaking.LastSummary, LastAnalysisHealthy = soaking.LastHealthy, Detail = null });
                soaked = await new SoakMonitor(steps, spec.Analysis, run.Release, canaries[0].Current!.Release, Probes(canaries), index).SoakAsync(state);
            }
            catch (TaskFailedException e)
            {
                // A port call failed even after its retries, leaving the stage in an unknown state: undo it.
                return await AbortAsync(canaries, new Abort(TransitionKind.DeployFailed, $"{e.TaskName} failed: {e.FailureDetails.ErrorMessage}", "system"));
            }

            switch (soaked.Verdict)
            {
                case SoakVerdict.Abort:
                    return await AbortAsync(canaries, soaked.Abort!);
                case SoakVerdict.Pause:
                    return ContinueAsNew(progress with { Soak = soaked.State });
                default:
                    // Dry-run metrics never decide; the entry still says what they would have decided, so a team can
                    // see whether a metric it is trying out would have stopped a release that went fine.
                    lastDryRun = soaked.State.LastDryRun;
                    await steps.Record(TransitionKind.StagePromoted, $"stage {index + 1} ({percent}%) promoted after {soak}{LastAnalysisDryRuns(lastDryRun, "; ")}", release: run.Release);
                    if (index + 1 < stageCount)
                    {
                        return ContinueAsNew(progress with { StageIndex = index + 1, Soak = null });
                    }

                    break;
            }
        }

        return await ReleaseAsync(progress.Changes, lastDryRun);
    }

    /// <summary>"<c>{separator}last analysis: x (dry run): would breach: ...</c>", or nothing when there were no dry-run metrics.</summary>
    private static string LastAnalysisDryRuns(string? dryRun, string separator) => dryRun is null ? string.Empty : $"{separator}last analysis: {dryRun}";

    private ReleaseOutcome ContinueAsNew(RolloutProgress progress)
    {
        var snapshot = progress with
        {
            Switched = _switched.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value], StringComparer.Ordinal),
            RoutingBefore = new Dictionary<string, TrafficState>(_routingBefore, StringComparer.Ordinal),
            Approval = steps.Current.Approval,
            EffectivePercent = _effective,
        };
        steps.Context.ContinueAsNew(run with { Progress = snapshot });
        return Continued;
    }

    private static (int Percent, TimeSpan Soak) StageOf(Dictionary<string, IReadOnlyList<RolloutStage>> plans, int index)
    {
        var stages = plans.Values.Select(plan => plan[Math.Min(index, plan.Count - 1)]).ToList();
        return (stages.Min(s => s.Percent), stages.Max(s => s.Soak));
    }

    /// <summary>The applied share as the status shows it: a whole percent (a third of the hosts is 33 %).</summary>
    private static int Share(double? effective) => effective is { } share ? (int)Math.Round(share, MidpointRounding.AwayFromZero) : 0;

    /// <summary>Puts the stage's hosts on the release and shifts traffic; returns why it failed, or null.</summary>
    private async Task<Abort?> StartStageAsync(List<ComponentChange> canaries, Dictionary<string, IReadOnlyList<RolloutStage>> plans, int index, string artifactPath)
    {
        var number = index + 1;
        var applied = new List<double>();
        foreach (var change in canaries)
        {
            var plan = plans[change.Component.Name];
            var stage = plan[Math.Min(index, plan.Count - 1)];
            var switched = _switched.TryGetValue(change.Component.Name, out var list) ? list : _switched[change.Component.Name] = [];
            var newHosts = change.Hosts.Take(stage.HostCount).Except(switched, StringComparer.Ordinal).ToList();
            if (newHosts.Count > 0)
            {
                // Traffic stays what the last shift applied until this stage's shift: no requested share yet.
                steps.Status(s => s with { Stage = $"stage {number}: deploying", RequestedPercent = null, SoakRemaining = null, Detail = $"{change.Component.Name} on {string.Join(", ", newHosts)}" });

                // Counted as switched until the deploy says otherwise: if the call fails outright their state is
                // unknown, and switching a host that still runs the stable release back to it is harmless.
                switched.AddRange(newHosts);
                var deployment = await HostDeployer.DeployAndVerifyAsync(steps, change, newHosts, run.Release, run.Commit, artifactPath);
                switched.RemoveAll(h => newHosts.Contains(h, StringComparer.Ordinal) && !deployment.SwitchedHosts.Contains(h, StringComparer.Ordinal));
                if (!deployment.Succeeded)
                {
                    return new Abort(TransitionKind.HealthFailed, deployment.Detail, "system");
                }
            }

            var stable = change.Current!.Release;
            // With the hosts and target, so a rollback can hand it to the router's RestoreAsync as it is.
            _routingBefore.TryAdd(change.Component.Name, new TrafficState(change.Component.Name, 0, 0, stable, run.Release, [], change.Hosts, ComponentTargets.For(change.Component)));
            var routed = await steps.Call<TrafficState>(nameof(ShiftTrafficActivity), new TrafficShift(ComponentTargets.For(change.Component), change.Hosts, stable, run.Release, stage.Percent, steps.Fence));
            applied.Add(routed.EffectivePercent);
            await steps.Record(TransitionKind.StageStarted, $"stage {number}: {stage.Percent}% requested, {routed.EffectivePercent:0.#}% effective", change.Component.Name, run.Release, [.. switched]);
        }

        // The status shows what the router did, not what was asked: with 2 hosts, 5 % is one host, 50 %.
        _effective = applied.Count == 0 ? _effective : applied.Min();
        return null;
    }

    /// <param name="lastDryRun">What the last stage's dry-run metrics would have decided, for the notification; null when none.</param>
    private async Task<ReleaseOutcome> ReleaseAsync(IReadOnlyList<ComponentChange> changes, string? lastDryRun)
    {
        foreach (var change in changes)
        {
            await steps.Record(TransitionKind.Deployed, $"{change.Component.Name} {run.Release} on every host", change.Component.Name, run.Release, change.Hosts);
        }

        await steps.Record(TransitionKind.Released, $"{run.Release} released to {run.Environment}", release: run.Release, committedAt: run.CommittedAt);
        var released = new ReleaseOutcome(ReleaseStatus.Released, $"{run.Release} on every host of {string.Join(", ", changes.Select(c => c.Component.Name))}", run.Environment, run.Release, run.Release);
        steps.End(released);
        await steps.SetCommitStatus($"soakline/{run.Environment}", CommitStatusState.Success, $"released {run.Release}");
        await steps.FinishDeployment(_deployment, DeploymentState.Success, $"released {run.Release}");
        await steps.Notify(Severity.Info, $"{run.Release} released to {run.Environment}", $"{run.Commit} by {run.Author}: {run.Message}{LastAnalysisDryRuns(lastDryRun, "\n")}");
        return released;
    }

    private List<HealthCheckRequest> Probes(List<ComponentChange> canaries) =>
        spec.Analysis.HealthChecks
            ? [.. canaries.SelectMany(c => ComponentTargets.Probes(c.Component, _switched.GetValueOrDefault(c.Component.Name) ?? [], run.Release, attempts: 1))]
            : [];

    private async Task<ReleaseOutcome> AbortAsync(List<ComponentChange> canaries, Abort abort)
    {
        await steps.Record(abort.Kind, abort.Reason, release: run.Release, actor: abort.By);
        await steps.Record(TransitionKind.ChangeFailed, abort.Reason, release: run.Release);
        // Traffic stays on the canary until the rollback restored routing; the soak is over.
        steps.Status(s => s with { Stage = "rolling-back", Detail = abort.Reason, SoakRemaining = null, RequestedPercent = null, NextStepDue = null });
        var targets = canaries
            .Where(c => _switched.GetValueOrDefault(c.Component.Name) is { Count: > 0 } || _routingBefore.ContainsKey(c.Component.Name))
            .Select(c => new RollbackTarget(c.Component.Name, [.. _switched.GetValueOrDefault(c.Component.Name) ?? []], c.Current!.Release, _routingBefore.GetValueOrDefault(c.Component.Name)))
            .ToList();
        var order = new RollbackOrder(run.Commit.Repository, run.Environment, RollbackScope.Canary, abort.Reason, abort.By, run.SpecYaml, Targets: targets, FailedPipelineId: run.PipelineId, DecidedAt: steps.Now);
        RollbackOutcome outcome;
        try
        {
            // A fixed id: an episode of this run that is re-run after a kill starts the same rollback again, not a second one.
            outcome = await steps.Context.CallSubOrchestratorAsync<RollbackOutcome>(
                nameof(RollbackOrchestrator), order, new SubOrchestrationOptions(instanceId: PipelineInstanceIds.ForAutomaticRollback(steps.Context.InstanceId)));
        }
        catch (TaskFailedException)
        {
            // Not "rolling-back" forever: the run fails, and its status says the rollback did.
            steps.Status(s => s with { Stage = "rollback-failed" });
            throw;
        }

        // What serves now: the stable release when the rollback completed; unknown when it did not.
        var stables = canaries.Select(c => c.Current!.Release).Distinct().ToList();
        var restored = outcome.Status == RollbackStatus.RolledBack;
        var serving = restored && stables.Count == 1 ? stables[0] : (ReleaseId?)null;
        steps.Status(s => s with { Serving = restored ? string.Join(", ", stables.Select(r => r.Value)) : null });
        await steps.FinishDeployment(_deployment, DeploymentState.Failure, abort.Reason);

        // Not "rolled-back" when some hosts may still run the new release: its last known share stays.
        return steps.End(new ReleaseOutcome(
            ReleaseStatus.RolledBack,
            $"{abort.Reason}; rollback ({outcome.Status}): {outcome.Detail}",
            run.Environment,
            run.Release,
            serving,
            restored ? null : FinalStages.RollbackIncomplete));
    }
}

/// <summary>Why a rollout stops, and who stopped it.</summary>
internal sealed record Abort(TransitionKind Kind, string Reason, string By);
