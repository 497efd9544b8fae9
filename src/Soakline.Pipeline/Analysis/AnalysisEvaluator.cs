using System.Globalization;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Analysis;

/// <summary>
/// Judges one analysis from metric readings and health probes. Pure: the orchestrator gathers readings through
/// activities and this decides, so every rule is testable without a clock or a backend.
/// </summary>
internal static class AnalysisEvaluator
{
    public static AnalysisResult Evaluate(DateTimeOffset at, IReadOnlyList<MetricObservation> metrics, IReadOnlyList<HealthCheckResult> probes)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(probes);
        var checks = metrics.Select(Judge).Concat(probes.Select(Judge)).ToList();
        return new AnalysisResult(at, checks);
    }

    /// <summary>
    /// The metric's threshold and, when it has one, its judge: either failing fails the check, and the detail says
    /// which one decided. A judge without enough samples is "no data", never healthy. A dry-run metric is judged
    /// exactly the same way; its outcome only carries
    /// <see cref="CheckOutcome.DryRun"/> so the result shows what it would have decided without counting it.
    /// </summary>
    public static CheckOutcome Judge(MetricObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return JudgeMetric(observation) with { DryRun = observation.Metric.DryRun };
    }

    private static CheckOutcome JudgeMetric(MetricObservation observation)
    {
        var threshold = ApplyThreshold(observation);
        if (observation.Metric.Judge is not { } judge)
        {
            return threshold;
        }

        var verdict = CanaryJudge.Decide(judge, observation.Canary.Samples, observation.Baseline?.Samples);
        var judged = $"judge: {verdict.Describe()}";
        if (threshold.Status != CheckStatus.Pass)
        {
            return threshold with { Detail = $"decided by the threshold: {threshold.Detail}; {judged}", Judge = verdict };
        }

        return verdict.Decision switch
        {
            JudgeDecision.CanaryWorse => threshold with { Status = CheckStatus.JudgeFailed, Detail = $"decided by the {judged}; threshold passed: {threshold.Detail}", Judge = verdict },
            JudgeDecision.NoData => threshold with { Status = CheckStatus.NoData, Detail = $"decided by the {judged}; threshold passed: {threshold.Detail}", Judge = verdict },
            _ => threshold with { Detail = $"{threshold.Detail}; {judged}", Judge = verdict },
        };
    }

    private static CheckOutcome ApplyThreshold(MetricObservation observation)
    {
        var (metric, canary, baselineReading) = observation;
        var name = metric.Name;
        if (canary.Value is not { } value || !double.IsFinite(value))
        {
            return new CheckOutcome(name, CheckStatus.NoData, null, null, null, $"no data for the canary ({canary.Detail ?? "empty"})");
        }

        double? baseline = null;
        if (metric.Threshold.NeedsBaseline)
        {
            if (baselineReading?.Value is not { } stable || !double.IsFinite(stable))
            {
                return new CheckOutcome(name, CheckStatus.NoData, value, null, null, "no baseline data for the stable release");
            }

            baseline = stable;
        }

        var limit = metric.Threshold.Limit(baseline)!.Value;
        var text = string.Create(CultureInfo.InvariantCulture, $"{value:0.###} (limit {limit:0.###}, threshold {metric.Threshold})");
        return value > limit
            ? new CheckOutcome(name, CheckStatus.Breach, value, baseline, limit, text)
            : new CheckOutcome(name, CheckStatus.Pass, value, baseline, limit, text);
    }

    public static CheckOutcome Judge(HealthCheckResult probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var name = $"health {probe.Url.Host}";
        return probe.Healthy
            ? new CheckOutcome(name, CheckStatus.Pass, probe.LastStatusCode, null, null, $"healthy ({probe.LastStatusCode})")
            : new CheckOutcome(name, CheckStatus.Unhealthy, probe.LastStatusCode, null, null, probe.Error ?? $"unhealthy ({probe.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer"})");
    }
}
