using Soakline.Pipeline.Delivery;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Tests.Domain;

public sealed class RolloutPlannerTests
{
    [Fact]
    public void Default_canary_on_four_hosts_is_5_25_50_100_with_30_minute_soaks()
    {
        var stages = RolloutPlanner.Plan(SpecDefaults.Strategy, SpecDefaults.Analysis, 4, expedited: false);

        Assert.Equal([5, 25, 50, 100], stages.Select(s => s.Percent));
        Assert.Equal([1, 1, 2, 4], stages.Select(s => s.HostCount));
        Assert.All(stages, s => Assert.Equal(TimeSpan.FromMinutes(30), s.Soak));
        Assert.Equal([false, false, false, true], stages.Select(s => s.IsFinal));
    }

    [Fact]
    public void Expedited_releases_soak_for_the_expedited_soak()
    {
        var stages = RolloutPlanner.Plan(SpecDefaults.Strategy, SpecDefaults.Analysis, 20, expedited: true);

        Assert.Equal([1, 5, 10, 20], stages.Select(s => s.HostCount));
        Assert.All(stages, s => Assert.Equal(SpecDefaults.ExpeditedSoak, s.Soak));
    }

    [Fact]
    public void Blue_green_switches_every_host_in_one_stage()
    {
        var strategy = SpecDefaults.Strategy with { Kind = StrategyKind.BlueGreen, Steps = [100] };

        var stage = Assert.Single(RolloutPlanner.Plan(strategy, SpecDefaults.Analysis, 3, expedited: false));

        Assert.Equal((100, 3), (stage.Percent, stage.HostCount));
    }

    [Fact]
    public void Rolling_moves_batch_by_batch_until_every_host_runs_the_release()
    {
        var strategy = SpecDefaults.Strategy with { Kind = StrategyKind.Rolling, BatchSize = 2 };

        var stages = RolloutPlanner.Plan(strategy, SpecDefaults.Analysis, 5, expedited: false);

        Assert.Equal([2, 4, 5], stages.Select(s => s.HostCount));
        Assert.Equal(100, stages[^1].Percent);
        Assert.All(stages, s => Assert.Equal(SpecDefaults.AnalysisInterval, s.Soak));
    }

    [Theory]
    [InlineData(5, 1, 1)]
    [InlineData(50, 3, 2)]
    [InlineData(1, 1000, 10)]
    [InlineData(100, 7, 7)]
    public void Host_count_is_the_ceiling_of_the_share_and_at_least_one(int percent, int hosts, int expected) =>
        Assert.Equal(expected, RolloutPlanner.HostsFor(percent, hosts));
}
