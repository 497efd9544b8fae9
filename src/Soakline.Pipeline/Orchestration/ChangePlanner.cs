using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>One component a pipeline changes, with the release it replaces (null on a first deploy).</summary>
/// <param name="ChangedPaths">
/// Every path changed between the commit <paramref name="Current"/> came from and the pushed one (what the approval
/// mail lists); null when there is nothing to compare with (a first deploy, or a release recorded without its commit).
/// </param>
public sealed record ComponentChange(ComponentSpec Component, IReadOnlyList<string> Hosts, DeployedRelease? Current, IReadOnlyList<string>? ChangedPaths = null);

/// <summary>
/// Decides which components a pipeline deploys: those with hosts in the environment whose paths changed between the
/// commit the environment runs for that component and the pushed commit. A component never deployed is changed.
/// </summary>
internal static class ChangePlanner
{
    public static async Task<IReadOnlyList<ComponentChange>> PlanAsync(PipelineSteps steps, PipelineSpec spec, CommitRef commit)
    {
        var changes = new List<ComponentChange>();
        var pathsByBase = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var component in spec.Components)
        {
            var hosts = component.HostsIn(steps.Environment);
            if (hosts.Count == 0)
            {
                continue;
            }

            var history = await steps.Call<IReadOnlyList<DeployedRelease>>(nameof(GetReleaseHistoryActivity), new ReleaseHistoryQuery(steps.Environment, component.Name));
            var current = history.Count > 0 ? history[0] : null;
            if (current?.Commit is not { } deployed)
            {
                changes.Add(new ComponentChange(component, hosts, current));
                continue;
            }

            if (string.Equals(deployed.Sha, commit.Sha, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!pathsByBase.TryGetValue(deployed.Sha, out var paths))
            {
                paths = await steps.Call<IReadOnlyList<string>>(nameof(GetChangedPathsActivity), new ChangedPathsQuery(commit.Repository, deployed.Sha, commit.Sha));
                pathsByBase[deployed.Sha] = paths;
            }

            if (ChangeDetector.Touches(component, [.. paths]))
            {
                changes.Add(new ComponentChange(component, hosts, current, paths));
            }
        }

        return changes;
    }
}
