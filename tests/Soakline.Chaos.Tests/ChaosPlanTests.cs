namespace Soakline.Chaos.Tests;

public sealed class ChaosPlanTests
{
    private static ChaosOptions Options(int seed, int kills = 100, int pipelines = 20) =>
        new("result.json", kills, pipelines, seed, 2, "/repo", "/repo/app.dll");

    [Fact]
    public void One_seed_draws_one_plan_so_a_failing_run_can_be_replayed()
    {
        var first = ChaosPlan.Create(Options(77), "/hosts");
        var again = ChaosPlan.Create(Options(77), "/hosts");
        var other = ChaosPlan.Create(Options(78), "/hosts");

        Assert.Equal(first.Kills, again.Kills);
        Assert.Equal(first.Environments.Select(e => (e.Kind, e.StartAfter, e.ApprovalDelay)), again.Environments.Select(e => (e.Kind, e.StartAfter, e.ApprovalDelay)));
        Assert.Equal(first.AzuriteRestartAfterKill.Order(), again.AzuriteRestartAfterKill.Order());
        Assert.NotEqual(first.Kills, other.Kills);
    }

    [Fact]
    public void The_issue_size_has_every_kind_the_kills_and_two_distinct_azurite_restarts()
    {
        var plan = ChaosPlan.Create(Options(5), "/hosts");

        Assert.Equal(100, plan.Kills.Count);
        Assert.All(plan.Kills, k => Assert.InRange(k.After, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8)));
        Assert.Equal(20, plan.Environments.Count);
        Assert.All(Enum.GetValues<PipelineKind>(), kind => Assert.True(plan.Environments.Count(e => e.Kind == kind) >= 6));
        Assert.Equal(2, plan.AzuriteRestartAfterKill.Count);
        Assert.All(plan.AzuriteRestartAfterKill, k => Assert.InRange(k, 1, 100));
        Assert.Equal(40, plan.Environments.SelectMany(e => e.Hosts).Select(h => h.Address).Distinct().Count());
    }
}
