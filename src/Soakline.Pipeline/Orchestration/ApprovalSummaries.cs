using System.Globalization;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// What an approver reads before deciding: the paths that changed since the environment's release (from the change
/// plan) and whether this very commit runs on staging, read from the release store through an activity.
/// </summary>
internal static class ApprovalSummaries
{
    public static async Task<ReleaseSummary> BuildAsync(PipelineSteps steps, PipelineSpec spec, PipelineRun run, IReadOnlyList<ComponentChange> changes, EnvironmentKind kind)
    {
        var paths = changes
            .SelectMany(c => c.ChangedPaths ?? [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var firstReleases = changes.Where(c => c.ChangedPaths is null).Select(c => c.Component.Name).ToList();
        var staging = kind == EnvironmentKind.Staging
            ? $"this approval is for {run.Environment} itself"
            : await StagingResultAsync(steps, spec, run, changes);
        return new ReleaseSummary(
            run.Commit,
            run.Environment,
            run.Author,
            run.Message,
            [.. changes.Select(c => c.Component.Name)],
            paths,
            staging,
            null,
            firstReleases.Count == 0 ? null : firstReleases);
    }

    /// <summary>
    /// Per staging environment of the spec, whether the pushed commit was deployed there: when, and whether staging
    /// still runs it. Only what the release store recorded; a deploy still running counts as not deployed.
    /// </summary>
    private static async Task<string> StagingResultAsync(PipelineSteps steps, PipelineSpec spec, PipelineRun run, IReadOnlyList<ComponentChange> changes)
    {
        var stagings = spec.Environments.Where(e => e.Kind == EnvironmentKind.Staging).Select(e => e.Name).ToList();
        if (stagings.Count == 0)
        {
            return "the spec declares no staging environment";
        }

        var lines = new List<string>();
        foreach (var staging in stagings)
        {
            foreach (var change in changes.Where(c => c.Component.HostsIn(staging).Count > 0))
            {
                var history = await steps.Call<IReadOnlyList<DeployedRelease>>(nameof(GetReleaseHistoryActivity), new ReleaseHistoryQuery(staging, change.Component.Name));
                lines.Add(Describe(staging, change.Component.Name, history, run.Commit.Sha));
            }
        }

        return lines.Count == 0 ? $"no changed component has hosts in {string.Join(", ", stagings)}" : string.Join("; ", lines);
    }

    private static string Describe(string staging, string component, IReadOnlyList<DeployedRelease> history, string sha)
    {
        var deployed = history.FirstOrDefault(r => string.Equals(r.Commit?.Sha, sha, StringComparison.OrdinalIgnoreCase));
        var at = deployed?.Since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return deployed is null
            ? $"{staging}: {component} not deployed from this commit{(history.Count > 0 ? $" (runs {history[0].Release})" : string.Empty)}"
            : ReferenceEquals(deployed, history[0])
                ? $"{staging}: {component} {deployed.Release} deployed {at}, still running"
                : $"{staging}: {component} {deployed.Release} deployed {at}, since replaced by {history[0].Release}";
    }
}
