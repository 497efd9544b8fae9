using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The hosts and release an emergency rollback moves to, or why the order cannot be carried out.</summary>
/// <param name="FailedPipelineId">The pipeline that delivered the release being undone (DORA counts the failure against it).</param>
internal sealed record EmergencyPlan(IReadOnlyList<RollbackTarget> Targets, string? Error, string? FailedPipelineId = null);

/// <summary>
/// Turns an emergency order (scope all or one component; previous or a named release) into exact targets, checking
/// everything before anything changes: the component exists here, the named release is a release id and is present
/// on every host, and there is a previous release to return to.
/// </summary>
internal static class EmergencyPlanner
{
    public static async Task<EmergencyPlan> PlanAsync(PipelineSteps steps, PipelineSpec spec, RollbackOrder order)
    {
        IReadOnlyList<ComponentSpec> components;
        if (order.Scope == RollbackScope.Component)
        {
            var chosen = order.Component is null ? null : spec.FindComponent(order.Component);
            if (chosen is null || chosen.HostsIn(order.Environment).Count == 0)
            {
                return Fail($"component '{order.Component}' is not a component with hosts in {order.Environment}");
            }

            components = [chosen];
        }
        else
        {
            components = [.. spec.Components.Where(c => c.HostsIn(order.Environment).Count > 0)];
        }

        ReleaseId? named = null;
        if (order.TargetRelease is not null && !ReleaseId.TryParse(order.TargetRelease, out named))
        {
            return Fail($"targetRelease '{order.TargetRelease}' is not a release id (yyyyMMddTHHmmssZ-<sha>)");
        }

        var targets = new List<RollbackTarget>();
        string? failedPipeline = null;
        foreach (var component in components)
        {
            var hosts = component.HostsIn(order.Environment);
            var history = await steps.Call<IReadOnlyList<DeployedRelease>>(nameof(GetReleaseHistoryActivity), new ReleaseHistoryQuery(order.Environment, component.Name));
            failedPipeline ??= history.Count > 0 ? history[0].PipelineId : null;
            if (named is not null)
            {
                var releases = await steps.Call<IReadOnlyList<HostReleases>>(nameof(GetHostReleasesActivity), new HostReleasesQuery(ComponentTargets.For(component), hosts));
                var missing = releases.Where(h => !h.Available.Contains(named)).Select(h => h.Host).ToList();
                if (missing.Count > 0 || releases.Count < hosts.Count)
                {
                    return Fail($"release {named} of {component.Name} is not on {string.Join(", ", missing)}");
                }

                targets.Add(new RollbackTarget(component.Name, hosts, named, null));
                continue;
            }

            if (history.Count < 2)
            {
                return Fail($"{component.Name} has no previous release on {order.Environment} to return to");
            }

            targets.Add(new RollbackTarget(component.Name, hosts, history[1].Release, null));
        }

        return new EmergencyPlan(targets, null, failedPipeline);
    }

    private static EmergencyPlan Fail(string error) => new([], error);
}
