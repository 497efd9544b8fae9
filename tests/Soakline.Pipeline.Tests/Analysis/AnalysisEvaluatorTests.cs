using Soakline.Pipeline.Analysis;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Tests.Analysis;

public sealed class AnalysisEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static MetricSpec Metric(ThresholdKind kind, double value) => new("m", "probe", "error-rate", TimeSpan.FromMinutes(1), new(kind, value));

    private static MetricReading Reading(double? value) =>
        value is null ? MetricReading.NoData("m", Now.AddMinutes(-1), Now) : new MetricReading("m", value, Now.AddMinutes(-1), Now);

    private static CheckOutcome Judge(ThresholdKind kind, double threshold, double? canary, double? baseline = null) =>
        AnalysisEvaluator.Judge(new MetricObservation(Metric(kind, threshold), Reading(canary), baseline is null && kind == ThresholdKind.Max ? null : Reading(baseline)));

    [Theory]
    [InlineData(4.9, CheckStatus.Pass)]
    [InlineData(5.0, CheckStatus.Pass)]
    [InlineData(5.1, CheckStatus.Breach)]
    public void Absolute_threshold_breaches_only_above_the_limit(double value, CheckStatus expected) =>
        Assert.Equal(expected, Judge(ThresholdKind.Max, 5, value).Status);

    [Theory]
    [InlineData(1.5, 0.4, CheckStatus.Breach)]
    [InlineData(1.4, 0.4, CheckStatus.Pass)]
    [InlineData(3.0, 2.5, CheckStatus.Pass)]
    public void Error_rate_relative_to_baseline_allows_one_point(double canary, double baseline, CheckStatus expected)
    {
        var outcome = Judge(ThresholdKind.BaselinePlus, 1, canary, baseline);

        Assert.Equal(expected, outcome.Status);
        Assert.Equal(baseline + 1, outcome.Limit!.Value, 6);
    }

    [Theory]
    [InlineData(1.21, 1.0, CheckStatus.Breach)]
    [InlineData(1.19, 1.0, CheckStatus.Pass)]
    [InlineData(2.3, 2.0, CheckStatus.Pass)]
    public void Latency_relative_to_baseline_allows_twenty_percent(double canary, double baseline, CheckStatus expected) =>
        Assert.Equal(expected, Judge(ThresholdKind.BaselineTimes, 1.2, canary, baseline).Status);

    [Fact]
    public void No_data_is_never_healthy()
    {
        Assert.Equal(CheckStatus.NoData, Judge(ThresholdKind.Max, 5, null).Status);
        Assert.Equal(CheckStatus.NoData, Judge(ThresholdKind.BaselinePlus, 1, 0.1, null).Status);
        Assert.Equal(CheckStatus.NoData, Judge(ThresholdKind.Max, 5, double.NaN).Status);

        var allNoData = AnalysisEvaluator.Evaluate(Now, [new MetricObservation(Metric(ThresholdKind.Max, 5), Reading(null), null)], []);
        Assert.False(allNoData.Healthy);
        Assert.Contains("no data", allNoData.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_analysis_without_any_check_is_not_healthy() =>
        Assert.False(AnalysisEvaluator.Evaluate(Now, [], []).Healthy);

    [Fact]
    public void A_failed_probe_makes_the_analysis_fail()
    {
        var ok = new HealthCheckResult(new Uri("http://web-1/health"), true, 1, 200, TimeSpan.FromMilliseconds(20));
        var down = new HealthCheckResult(new Uri("http://web-2/health"), false, 1, 503, TimeSpan.FromMilliseconds(20));

        var result = AnalysisEvaluator.Evaluate(Now, [new MetricObservation(Metric(ThresholdKind.Max, 5), Reading(0.1), null)], [ok, down]);

        Assert.False(result.Healthy);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(CheckStatus.Unhealthy, failure.Status);
        Assert.Equal("health web-2", failure.Name);
    }

    [Fact]
    public void Failure_limit_counts_consecutive_failures_and_a_healthy_analysis_resets_it()
    {
        var healthy = AnalysisEvaluator.Evaluate(Now, [new MetricObservation(Metric(ThresholdKind.Max, 5), Reading(1), null)], []);
        var failing = AnalysisEvaluator.Evaluate(Now, [new MetricObservation(Metric(ThresholdKind.Max, 5), Reading(9), null)], []);

        var streak = FailureStreak.Start(3).After(failing).After(failing);
        Assert.False(streak.LimitReached);
        Assert.Equal(0, streak.After(healthy).Count);
        Assert.True(streak.After(failing).LimitReached);
    }

    private static MetricObservation Observed(string name, double threshold, double? canary, bool dryRun = false) =>
        new(new MetricSpec(name, "probe", name, TimeSpan.FromMinutes(1), new(ThresholdKind.Max, threshold), dryRun), Reading(canary), null);

    [Fact]
    public void A_breaching_dry_run_metric_is_judged_like_the_others_but_leaves_the_analysis_healthy()
    {
        var result = AnalysisEvaluator.Evaluate(Now, [Observed("errors", 5, 1), Observed("p99", 500, 812, dryRun: true)], []);

        var dryRun = Assert.Single(result.Checks, c => c.DryRun);
        Assert.Equal(("p99", CheckStatus.Breach, 812.0, 500.0), (dryRun.Name, dryRun.Status, dryRun.Value!.Value, dryRun.Limit!.Value));
        Assert.False(Assert.Single(result.Checks, c => !c.DryRun).DryRun);
        Assert.True(result.Healthy);
        Assert.Empty(result.Failures);
        Assert.Equal("healthy: errors: 1 (limit 5, threshold > 5); p99 (dry run): would breach: 812 (limit 500, threshold > 500)", result.Summary);
        Assert.Equal(0, FailureStreak.Start(1).After(result).Count);
    }

    [Fact]
    public void A_live_breach_still_fails_and_the_dry_run_is_shown_after_the_failures_without_being_one()
    {
        var result = AnalysisEvaluator.Evaluate(Now, [Observed("errors", 5, 9), Observed("p99", 500, 100, dryRun: true)], []);

        Assert.False(result.Healthy);
        Assert.Equal(["errors"], result.Failures.Select(f => f.Name));
        Assert.Equal("errors: 9 (limit 5, threshold > 5); p99 (dry run): would pass: 100 (limit 500, threshold > 500)", result.Summary);
        Assert.True(FailureStreak.Start(1).After(result).LimitReached);
    }

    [Fact]
    public void A_dry_run_without_data_is_shown_as_such_and_is_not_a_failure()
    {
        var result = AnalysisEvaluator.Evaluate(Now, [Observed("errors", 5, 1), Observed("p99", 500, null, dryRun: true)], []);

        Assert.True(result.Healthy);
        Assert.Equal(CheckStatus.NoData, Assert.Single(result.Checks, c => c.DryRun).Status);
        Assert.Contains("p99 (dry run): would fail on no data: no data for the canary", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_analysis_of_dry_run_checks_only_counts_as_no_checks_whatever_they_would_decide()
    {
        var passing = AnalysisEvaluator.Evaluate(Now, [Observed("p99", 500, 100, dryRun: true)], []);
        var breaching = AnalysisEvaluator.Evaluate(Now, [Observed("p99", 500, 900, dryRun: true)], []);

        foreach (var result in new[] { passing, breaching })
        {
            Assert.False(result.Healthy);
            Assert.Empty(result.Failures);
            Assert.StartsWith("no checks that count (dry-run metrics never do); p99 (dry run): would ", result.Summary, StringComparison.Ordinal);
        }

        Assert.Equal("no checks", AnalysisEvaluator.Evaluate(Now, [], []).Summary);
        Assert.Null(AnalysisEvaluator.Evaluate(Now, [Observed("errors", 5, 1)], []).DryRunSummary);
    }
}
