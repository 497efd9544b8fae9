using Soakline.Pipeline.Dora;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

public sealed class CanaryAnalysisTests : IAsyncLifetime
{
    private static readonly string NewSha = PipelineHarness.NewSha;
    private static readonly Pipeline.Domain.ReleaseId Stable = PipelineHarness.Stable;
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private TimeSpan Elapsed => _h.Clock.GetUtcNow() - PipelineHarness.Start;

    [Theory]
    [InlineData(5, new[] { "prod-1" })]
    [InlineData(25, new[] { "prod-1" })]
    [InlineData(50, new[] { "prod-1", "prod-2" })]
    [InlineData(100, new[] { "prod-1", "prod-2", "prod-3", "prod-4" })]
    public async Task A_breach_at_any_stage_rolls_back_exactly_the_changed_hosts_with_one_incident(int breachingStage, string[] changedHosts)
    {
        _h.Metrics.Canary = query => query == "error-rate" ? (_h.Router.CurrentPercent == breachingStage ? 9.0 : 0.5) : 0.2;

        var (id, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("error-rate", outcome.Detail, StringComparison.Ordinal);
        var rollback = Assert.Single(_h.Deploy.Rollbacks);
        Assert.Equal(changedHosts, rollback.Hosts);
        Assert.Equal(Stable, rollback.ToRelease);
        Assert.All(TestSpecs.ProductionHosts, host => Assert.Equal(Stable, _h.Deploy.CurrentOn("api", host)));
        Assert.Equal(0, _h.Router.CurrentPercent);
        var incident = Assert.Single(_h.Incidents.Reports);
        Assert.Equal(Severity.Critical, incident.Severity);
        var critical = Assert.Single(_h.Notifier.Sent, n => n.Severity == Severity.Critical && n.Title.StartsWith("Automatic rollback", StringComparison.Ordinal));
        Assert.Equal(["ops"], critical.Channels.Select(c => c.Name));
        Assert.Equal(incident.Key, _h.Incidents.Open.Keys.Single());
        Assert.Equal(Stable, (await _h.Store.GetCurrentReleaseAsync("production", "api", CancellationToken.None))!.Release);
        var kinds = await _h.KindsAsync(id);
        Assert.Contains(TransitionKind.Breached, kinds);
        Assert.Contains(TransitionKind.ChangeFailed, kinds);
        Assert.Contains(TransitionKind.Restored, kinds);
        Assert.DoesNotContain(TransitionKind.Released, kinds);
        Assert.Equal(DeploymentState.Failure, _h.SourceControl.DeploymentStatuses.Last().State);
    }

    [Fact]
    public async Task Error_rate_above_baseline_plus_one_point_breaches_below_the_absolute_limit()
    {
        _h.Metrics.Canary = query => query == "error-rate" ? 1.6 : 0.2;

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("error-rate-vs-baseline", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("error-rate: ", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_above_baseline_times_1_2_breaches()
    {
        _h.Metrics.Canary = query => query == "error-rate" ? 0.4 : 0.25;

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("latency-p95-vs-baseline", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_canary_within_its_baseline_margins_is_released()
    {
        _h.Metrics.Canary = query => query == "error-rate" ? 1.3 : 0.23;

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
    }

    [Fact]
    public async Task Failures_below_the_limit_do_not_abort_when_the_canary_recovers()
    {
        // Analyses run at minutes 1, 2, 3, ... of the first soak: the first two fail, then the canary is healthy.
        _h.Metrics.Canary = query => query == "error-rate" ? (Elapsed <= TimeSpan.FromMinutes(2) ? 9.0 : 0.3) : 0.2;

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.True(outcome.Status == ReleaseStatus.Released, outcome.Detail);
        Assert.Empty(_h.Deploy.Rollbacks);
    }

    [Fact]
    public async Task The_failure_limit_aborts_at_the_limiting_analysis()
    {
        _h.Metrics.Canary = query => query == "error-rate" ? (Elapsed <= TimeSpan.FromMinutes(2) ? 9.0 : 0.3) : 0.2;

        var (_, outcome) = await _h.ApprovedReleaseAsync(TestSpecs.With("analysis:\n  failureLimit: 2\n"));

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("2 consecutive failing analyses (limit 2)", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(2), Elapsed);
    }

    [Fact]
    public async Task No_data_is_never_healthy_and_rolls_back()
    {
        _h.Metrics.Canary = _ => null;

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("no data", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(["prod-1"], Assert.Single(_h.Deploy.Rollbacks).Hosts);
    }

    [Fact]
    public async Task Blue_green_switches_every_host_at_once_then_soaks()
    {
        var (_, outcome) = await _h.ApprovedReleaseAsync(TestSpecs.With("strategy:\n  type: blue-green\n"));

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
        Assert.Equal([100], _h.Router.Shifts.Select(s => s.Percent));
        Assert.Equal(TestSpecs.ProductionHosts, Assert.Single(_h.Deploy.Deploys).Hosts);
        Assert.Equal(TimeSpan.FromMinutes(30), Elapsed);
    }

    [Fact]
    public async Task Rolling_switches_one_batch_at_a_time()
    {
        var (_, outcome) = await _h.ApprovedReleaseAsync(TestSpecs.With("strategy:\n  type: rolling\n  batchSize: 2\n"));

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
        Assert.Equal([["prod-1", "prod-2"], ["prod-3", "prod-4"]], _h.Deploy.Deploys.Select(d => d.Hosts.ToArray()));
        Assert.Equal([50, 100], _h.Router.Shifts.Select(s => s.Percent));
    }

    [Fact]
    public async Task An_unreachable_metrics_backend_is_no_data_and_rolls_back_at_the_failure_limit()
    {
        _h.Metrics.Unreachable = true;

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("query failed: connection refused", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("3 consecutive failing analyses", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deploy_call_that_keeps_failing_rolls_back_every_host_it_may_have_touched()
    {
        _h.Deploy.UnreachableHosts.Add("prod-2");

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("connection to prod-2 lost", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(1 + 3, _h.Deploy.DeployCalls);
        Assert.Equal(["prod-1", "prod-2"], Assert.Single(_h.Deploy.Rollbacks).Hosts);
        Assert.Equal(Stable, _h.Deploy.CurrentOn("api", "prod-1"));
    }

    [Fact]
    public async Task An_unhealthy_canary_host_counts_as_a_failing_analysis()
    {
        var id = await _h.PushAsync("main", NewSha, TestSpecs.Default);
        await _h.IdleAsync();
        await _h.DecideAsync(id, "production", approved: true);
        await _h.IdleAsync();
        _h.Health.UnhealthyHosts["prod-1"] = true;

        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("health prod-1", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_canary_host_failing_its_deploy_health_check_is_rolled_back_before_any_traffic_moves()
    {
        _h.Health.UnhealthyHosts["prod-1"] = true;

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Empty(_h.Router.Shifts);
        Assert.Equal(["prod-1"], Assert.Single(_h.Deploy.Rollbacks).Hosts);
    }

    [Fact]
    public async Task DORA_figures_come_from_the_recorded_pipeline_transitions()
    {
        await _h.ApprovedReleaseAsync();
        var secondSha = PipelineHarness.Sha(3);
        _h.SourceControl.MarkE2E(secondSha, WorkflowConclusion.Success);
        _h.Metrics.Canary = _ => 9.0;
        var second = await _h.PushAsync("main", secondSha, TestSpecs.Default);
        await _h.IdleAsync();
        await _h.DecideAsync(second, "production", approved: true);
        await _h.RunAsync(second);

        var figures = DoraCalculator.Compute(await _h.TransitionsAsync(), "production", PipelineHarness.Start.AddDays(-1), _h.Clock.GetUtcNow().AddSeconds(1));

        Assert.Equal(2, figures.Deployments);
        Assert.Equal(1, figures.FailedChanges);
        Assert.Equal(0.5, figures.ChangeFailureRate);
        Assert.True(figures.MedianLeadTime >= TimeSpan.FromHours(3), $"lead time {figures.MedianLeadTime}");
        Assert.Equal(TimeSpan.Zero, figures.MedianTimeToRestore);
    }
}
