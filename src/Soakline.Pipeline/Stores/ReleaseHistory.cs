using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Stores;

/// <summary>
/// Derives which releases served an environment and component from recorded transitions, so every store
/// implementation answers "current" and "previous" the same way.
/// </summary>
public static class ReleaseHistory
{
    public static IReadOnlyList<DeployedRelease> Of(IEnumerable<ReleaseTransition> transitions, string environment, string component)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        var relevant = transitions
            .Where(t => t.Environment == environment && t.Component == component && t.Release is not null
                && t.Kind is TransitionKind.Deployed or TransitionKind.RolledBack)
            .ToList();

        // A rollback switches back to a release some earlier pipeline deployed: that pipeline and commit own it.
        var origins = relevant.Where(t => t.Kind == TransitionKind.Deployed)
            .GroupBy(t => t.Release!.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var history = new List<DeployedRelease>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = relevant.Count - 1; i >= 0; i--)
        {
            var t = relevant[i];
            if (!seen.Add(t.Release!.Value))
            {
                continue;
            }

            var origin = origins.GetValueOrDefault(t.Release.Value) ?? t;
            history.Add(new DeployedRelease(environment, component, t.Release, origin.Commit, origin.PipelineId, t.At));
        }

        return history;
    }
}
