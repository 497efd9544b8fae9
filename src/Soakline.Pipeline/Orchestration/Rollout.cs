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
/// </summary>
internal sealed class Rollout(PipelineSteps steps, PipelineSpec spec, PipelineRun run, string artifactPath, bool expedited)
{
    private readonly Dictionary<string, List<string>> _switched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrafficState> _routingBefore = new(StringComparer.Ordinal);

    public async Task<ReleaseOutcome> RunAsync(IReadOnlyList<ComponentChange> changes)
    {
        foreach (var first in changes.Where(c => c.Current is null))
        {
            steps.Stage("first-deploy", first.Component.Name);
            var deployment = await HostDeployer.DeployAndVerifyAsync(steps, first, first.Hosts, run.Release, run.Commit, artifactPath);
            if (!deployment.Succeeded)
            {
                await steps.Record(TransitionKind.DeployFailed, $"{deployment.Detail} (first release: nothing to roll back to)", first.Component.Name, run.Release, deployment.SwitchedHosts);
                await steps.Notify(Severity.Critical, $"First deploy of {first.Component.Name} to {run.Environment} failed", deployment.Detail);
                return new ReleaseOutcome(ReleaseStatus.DeployFailed, deployment.Detail, run.Environment, run.Release);
            }

            _switched[first.Component.Name] = [.. first.Hosts];
        }

        var canaries = changes.Where(c => c.Current is not null).ToList();
        var plans = canaries.ToDictionary(c => c.Component.Name, c => RolloutPlanner.Plan(spec.Strategy, spec.Analysis, c.Hosts.Count, expedited), StringComparer.Ordinal);
        var stageCount = plans.Count == 0 ? 0 : plans.Values.Max(p => p.Count);
        for (var index = 0; index < stageCount; index++)
        {
            var failure = await RunStageAsync(canaries, plans, index);
            if (failure is not null)
            {
                return await AbortAsync(canaries, failure);
            }
        }

        foreach (var change in changes)
        {
            await steps.Record(TransitionKind.Deployed, $"{change.Component.Name} {run.Release} on every host", change.Component.Name, run.Release, change.Hosts);
        }

        await steps.Record(TransitionKind.Released, $"{run.Release} released to {run.Environment}", release: run.Release, committedAt: run.CommittedAt);
        steps.Status(s => s with { Stage = "released", TrafficPercent = 100, SoakRemaining = null });
        await steps.SetCommitStatus($"soakline/{run.Environment}", CommitStatusState.Success, $"released {run.Release}");
        await steps.Notify(Severity.Info, $"{run.Release} released to {run.Environment}", $"{run.Commit} by {run.Author}: {run.Message}");
        return new ReleaseOutcome(ReleaseStatus.Released, $"{run.Release} on every host of {string.Join(", ", changes.Select(c => c.Component.Name))}", run.Environment, run.Release);
    }

    /// <summary>Null when the stage was promoted; otherwise why the rollout must stop.</summary>
    private async Task<Abort?> RunStageAsync(List<ComponentChange> canaries, Dictionary<string, IReadOnlyList<RolloutStage>> plans, int index)
    {
        var percent = 0;
        TimeSpan soak = default;
        var number = index + 1;
        foreach (var change in canaries)
        {
            var plan = plans[change.Component.Name];
            var stage = plan[Math.Min(index, plan.Count - 1)];
            (percent, soak) = (stage.Percent, stage.Soak);
            var switched = _switched.TryGetValue(change.Component.Name, out var list) ? list : _switched[change.Component.Name] = [];
            var newHosts = change.Hosts.Take(stage.HostCount).Except(switched, StringComparer.Ordinal).ToList();
            if (newHosts.Count > 0)
            {
                steps.Status(s => s with { Stage = $"stage {number}: deploying", Detail = $"{change.Component.Name} on {string.Join(", ", newHosts)}" });
                var deployment = await HostDeployer.DeployAndVerifyAsync(steps, change, newHosts, run.Release, run.Commit, artifactPath);
                switched.AddRange(deployment.SwitchedHosts);
                if (!deployment.Succeeded)
                {
                    return new Abort(TransitionKind.HealthFailed, deployment.Detail, "system");
                }
            }

            var stable = change.Current!.Release;
            _routingBefore.TryAdd(change.Component.Name, new TrafficState(change.Component.Name, 0, 0, stable, run.Release, []));
            var routed = await steps.Call<TrafficState>(nameof(ShiftTrafficActivity), new TrafficShift(ComponentTargets.For(change.Component), change.Hosts, stable, run.Release, stage.Percent));
            await steps.Record(TransitionKind.StageStarted, $"stage {number}: {stage.Percent}% requested, {routed.EffectivePercent:0.#}% effective", change.Component.Name, run.Release, [.. switched]);
        }

        steps.Status(s => s with { Stage = $"stage {number}: soaking", TrafficPercent = percent, Detail = null });
        var breach = await new SoakMonitor(steps, spec.Analysis, run.Release, canaries[0].Current!.Release, Probes(canaries)).SoakAsync(soak);
        if (breach is not null)
        {
            return breach;
        }

        await steps.Record(TransitionKind.StagePromoted, $"stage {number} ({percent}%) promoted after {soak}", release: run.Release);
        return null;
    }

    private List<HealthCheckRequest> Probes(List<ComponentChange> canaries) =>
        spec.Analysis.HealthChecks
            ? [.. canaries.SelectMany(c => ComponentTargets.Probes(c.Component, _switched.GetValueOrDefault(c.Component.Name) ?? [], attempts: 1))]
            : [];

    private async Task<ReleaseOutcome> AbortAsync(List<ComponentChange> canaries, Abort abort)
    {
        await steps.Record(abort.Kind, abort.Reason, release: run.Release, actor: abort.By);
        await steps.Record(TransitionKind.ChangeFailed, abort.Reason, release: run.Release);
        steps.Status(s => s with { Stage = "rolling-back", Detail = abort.Reason });
        var targets = canaries
            .Where(c => _switched.GetValueOrDefault(c.Component.Name) is { Count: > 0 } || _routingBefore.ContainsKey(c.Component.Name))
            .Select(c => new RollbackTarget(c.Component.Name, [.. _switched.GetValueOrDefault(c.Component.Name) ?? []], c.Current!.Release, _routingBefore.GetValueOrDefault(c.Component.Name)))
            .ToList();
        var order = new RollbackOrder(run.Commit.Repository, run.Environment, RollbackScope.Canary, abort.Reason, abort.By, run.SpecYaml, Targets: targets, FailedPipelineId: run.PipelineId);
        var outcome = await steps.Context.CallSubOrchestratorAsync<RollbackOutcome>(nameof(RollbackOrchestrator), order);
        steps.Status(s => s with { Stage = "rolled-back", TrafficPercent = 0, SoakRemaining = null });
        return new ReleaseOutcome(ReleaseStatus.RolledBack, $"{abort.Reason}; rollback ({outcome.Status}): {outcome.Detail}", run.Environment, run.Release);
    }
}

/// <summary>Why a rollout stops, and who stopped it.</summary>
internal sealed record Abort(TransitionKind Kind, string Reason, string By);
