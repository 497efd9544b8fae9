using Soakline.Pipeline.Analysis;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// A dry-run metric on the fake-clock host: measured at every analysis like the live ones, shown in the status, the
/// timeline and the release notification with what it would have decided, and never the reason a canary stops.
/// </summary>
public sealed class DryRunAnalysisTests : IAsyncLifetime
{
    /// <summary>The harness's canary reads 0.2 for latency-p99: a limit of 0.1 breaches at every analysis.</summary>
    private static readonly string Spec = TestSpecs.With("""
        analysis:
          metrics:
            - name: error-rate
              query: error-rate
              max: 5
            - name: latency-p99-strict
              query: latency-p99
              max: 0.1
              dryRun: true
        """);

    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_dry_run_metric_breaching_every_analysis_is_shown_and_the_canary_is_still_promoted()
    {
        var id = await _h.PushAsync("main", PipelineHarness.NewSha, Spec);
        await _h.IdleAsync();
        await _h.DecideAsync(id, "production", approved: true);
        await _h.IdleAsync();
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.IdleAsync();

        // Mid-soak: the live view carries the dry-run check with the verdict it would have had, and calls the analysis healthy.
        var run = await _h.Client.GetInstanceAsync(PipelineInstanceIds.ForEnvironmentRun(id, "production"), getInputsAndOutputs: true);
        var status = run!.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.Equal("stage 1: soaking", status.Stage);
        Assert.True(status.LastAnalysisHealthy);
        var dryRun = Assert.Single(status.LastChecks!, c => c.DryRun);
        Assert.Equal(("latency-p99-strict", CheckStatus.Breach, 0.1), (dryRun.Name, dryRun.Status, dryRun.Limit!.Value));
        Assert.Contains(status.LastChecks!, c => c is { Name: "error-rate", DryRun: false, Status: CheckStatus.Pass });
        Assert.Contains("latency-p99-strict (dry run): would breach: 0.2 (limit 0.1", status.LastAnalysis, StringComparison.Ordinal);

        var outcome = await _h.RunAsync(id);

        Assert.True(outcome.Status == ReleaseStatus.Released, outcome.Detail);
        Assert.Empty(_h.Deploy.Rollbacks);
        Assert.Empty(_h.Incidents.Reports);

        // Measured exactly like the live metric: one canary query each per analysis.
        var canaryQueries = _h.Metrics.Queries.Where(q => q.Scope == MetricScope.Canary).ToList();
        Assert.NotEmpty(canaryQueries);
        Assert.Equal(canaryQueries.Count(q => q.Metric == "error-rate"), canaryQueries.Count(q => q.Metric == "latency-p99-strict"));

        // Every promotion and the release notification say what the dry run would have decided.
        var promotions = (await _h.TransitionsAsync("production")).Where(t => t.Kind == TransitionKind.StagePromoted).ToList();
        Assert.Equal(4, promotions.Count);
        Assert.All(promotions, p => Assert.Contains("; last analysis: latency-p99-strict (dry run): would breach: 0.2", p.Detail, StringComparison.Ordinal));
        var released = Assert.Single(_h.Notifier.Sent, n => n.Title.EndsWith("released to production", StringComparison.Ordinal));
        Assert.Contains("last analysis: latency-p99-strict (dry run): would breach", released.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_breach_rolls_back_and_the_reason_names_the_live_metric_before_the_dry_run()
    {
        _h.Metrics.Canary = query => query == "error-rate" ? 9.0 : 0.05;

        var (_, outcome) = await _h.ApprovedReleaseAsync(Spec);

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("consecutive failing analyses (limit 3): error-rate: 9 (limit 5, threshold > 5); latency-p99-strict (dry run): would pass", outcome.Detail, StringComparison.Ordinal);
        var rollback = Assert.Single(_h.Notifier.Sent, n => n.Title.StartsWith("Automatic rollback", StringComparison.Ordinal));
        Assert.Contains("latency-p99-strict (dry run): would pass", rollback.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_production_canary_with_dry_run_metrics_only_is_refused_before_anything_is_deployed()
    {
        var dryRunOnly = TestSpecs.With("""
            analysis:
              healthChecks: false
              metrics:
                - name: latency-p99-strict
                  query: latency-p99
                  max: 1
                  dryRun: true
            """);

        var (_, outcome) = await _h.ApprovedReleaseAsync(dryRunOnly);

        // Dry runs never count, so nothing could ever make an analysis healthy: the policy's production refuses the spec.
        Assert.Equal(ReleaseStatus.SpecInvalid, outcome.Status);
        Assert.Contains("nothing to analyse", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_h.Deploy.Deploys);
    }
}
