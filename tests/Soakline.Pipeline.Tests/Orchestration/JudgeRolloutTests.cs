using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Tests.Analysis;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>The case: a canary slower than its baseline but under the absolute limit is stopped by the judge.</summary>
public sealed class JudgeRolloutTests : IAsyncLifetime
{
    // Only an absolute threshold (5 s): without the judge a 0.26 s canary against a 0.2 s baseline would be released.
    private const string LatencyWithJudge = """
        analysis:
          metrics:
            - name: latency
              query: latency-p95
              max: 5
              judge:
                confidence: 0.99
                minEffect: 0.1
                direction: higher-is-worse
                minSamples: 20
        """;

    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_canary_thirty_percent_slower_under_the_absolute_limit_is_rolled_back_by_the_judge()
    {
        _h.Metrics.Canary = _ => 0.26;
        _h.Metrics.Samples = query => CanaryJudgeTests.Latencies(query.Scope == MetricScope.Canary ? 0.26 : 0.2, 60, Seed(query));

        var (id, outcome) = await _h.ApprovedReleaseAsync(TestSpecs.With(LatencyWithJudge));

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("latency: decided by the judge: canary worse", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("threshold passed: 0.26 (limit 5", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(["prod-1"], Assert.Single(_h.Deploy.Rollbacks).Hosts);
        var breach = Assert.Single(await _h.TransitionsAsync("production"), t => t.PipelineId == id && t.Kind == TransitionKind.Breached);
        Assert.Contains("decided by the judge", breach.Detail, StringComparison.Ordinal);

        // The judge read the stable release's samples although the threshold is absolute.
        Assert.Contains(_h.Metrics.Queries, q => q.Scope == MetricScope.Stable && q.WithSamples);
    }

    [Fact]
    public async Task Noise_alone_passes_the_judge_and_the_release_completes()
    {
        _h.Metrics.Canary = _ => 0.2;
        _h.Metrics.Samples = query => CanaryJudgeTests.Latencies(0.2, 60, Seed(query));

        var (_, outcome) = await _h.ApprovedReleaseAsync(TestSpecs.With(LatencyWithJudge));

        Assert.True(outcome.Status == ReleaseStatus.Released, outcome.Detail);
        Assert.Empty(_h.Deploy.Rollbacks);
    }

    [Fact]
    public async Task Metrics_without_a_judge_ask_for_no_samples_and_no_baseline_under_an_absolute_threshold()
    {
        var (_, outcome) = await _h.ApprovedReleaseAsync(TestSpecs.With("analysis:\n  metrics:\n    - name: latency\n      query: latency-p95\n      max: 5\n"));

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
        Assert.All(_h.Metrics.Queries, q => Assert.False(q.WithSamples));
        Assert.DoesNotContain(_h.Metrics.Queries, q => q.Scope == MetricScope.Stable);
    }

    /// <summary>A seed per reading (window end and scope), so parallel reads get the same samples in every run.</summary>
    private static int Seed(MetricQuery query) => (int)(query.WindowEnd.ToUnixTimeSeconds() % 100_000_000 * 2) + (query.Scope == MetricScope.Canary ? 1 : 0);
}
