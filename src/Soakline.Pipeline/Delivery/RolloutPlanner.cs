using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Delivery;

/// <summary>
/// Turns a strategy into stages for a component with N hosts. Canary: each step p runs the release on ceil(p x N)
/// hosts (at least one), the seeds' 5/25/50/100 with 30-minute soaks. Blue-green: one switch of every host, then a
/// soak. Rolling: batches of <see cref="StrategySpec.BatchSize"/> hosts, each soaked for one analysis interval.
/// </summary>
internal static class RolloutPlanner
{
    public static IReadOnlyList<RolloutStage> Plan(StrategySpec strategy, AnalysisSpec analysis, int hostCount, bool expedited)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentOutOfRangeException.ThrowIfLessThan(hostCount, 1);
        var soak = expedited ? strategy.ExpeditedSoak : strategy.Soak;
        return strategy.Kind switch
        {
            StrategyKind.Canary => [.. strategy.Steps.Select((p, i) => new RolloutStage(i + 1, p, HostsFor(p, hostCount), soak))],
            StrategyKind.BlueGreen => [new RolloutStage(1, 100, hostCount, soak)],
            _ => Rolling(strategy.BatchSize, hostCount, analysis.Interval),
        };
    }

    /// <summary>ceil(percent x hosts / 100), at least one host: 5 % of 4 hosts is 1 host.</summary>
    public static int HostsFor(int percent, int hostCount) =>
        Math.Clamp((int)Math.Ceiling(percent * hostCount / 100.0), 1, hostCount);

    private static List<RolloutStage> Rolling(int batchSize, int hostCount, TimeSpan soak)
    {
        var stages = new List<RolloutStage>();
        for (var hosts = Math.Min(batchSize, hostCount); ; hosts = Math.Min(hosts + batchSize, hostCount))
        {
            stages.Add(new RolloutStage(stages.Count + 1, hosts == hostCount ? 100 : hosts * 100 / hostCount, hosts, soak));
            if (hosts == hostCount)
            {
                return stages;
            }
        }
    }
}
