using Microsoft.DurableTask;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Analysis;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// One analysis: probes the canary hosts (in parallel), then reads every metric for the canary (and the stable
/// baseline where the threshold is relative or the metric has a judge, in parallel), then judges with <see cref="AnalysisEvaluator"/>.
/// Probes come first because the built-in <c>probe</c> metrics are computed from the samples those health checks
/// record: read alongside them, an analysis would never see its own probes and the first one of each stage would
/// read "no data" and count as a failure. A sub-orchestration of its own keeps the soaking pipeline's history short:
/// one entry per analysis instead of one per reading.
/// </summary>
public sealed class SoakAnalysisOrchestrator : TaskOrchestrator<AnalysisRequest, AnalysisResult>
{
    public override async Task<AnalysisResult> RunAsync(TaskOrchestrationContext context, AnalysisRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        // A reading that fails (provider down, query error) is "no data": it counts as failing, never as healthy,
        // and one blip does not abort a rollout on its own (the failure limit decides).
        async Task<MetricReading> Read(Spec.MetricSpec metric, MetricScope scope, string version, DateTimeOffset now)
        {
            var query = new MetricQuery(metric.Name, metric.Query, scope, version, now, metric.Window, WithSamples: metric.Judge is not null);
            try
            {
                return await context.CallActivityAsync<MetricReading>(nameof(QueryMetricActivity), new MetricRequest(metric.Provider, query));
            }
            catch (TaskFailedException e)
            {
                return MetricReading.NoData(metric.Name, now - metric.Window, now, $"query failed: {e.FailureDetails.ErrorMessage}");
            }
        }

        async Task<HealthCheckResult> Probe(HealthCheckRequest request)
        {
            try
            {
                return await context.CallActivityAsync<HealthCheckResult>(nameof(CheckHealthActivity), request);
            }
            catch (TaskFailedException e)
            {
                return new HealthCheckResult(request.Url, false, 0, null, TimeSpan.Zero, $"probe failed: {e.FailureDetails.ErrorMessage}");
            }
        }

        var probes = await Task.WhenAll(input.Probes.Select(Probe));

        // Taken after the probes (the orchestration clock moves on when they complete), so the metric window ends
        // after the samples they just recorded.
        var now = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
        var canary = input.Metrics.Select(m => Read(m, MetricScope.Canary, input.CanaryRelease.Value, now)).ToList();
        var baseline = input.Metrics
            .Select(m => NeedsBaseline(m) && input.StableRelease is { } stable ? Read(m, MetricScope.Stable, stable.Value, now) : null)
            .ToList();
        await Task.WhenAll(canary.Concat(baseline.OfType<Task<MetricReading>>()));

        var observations = input.Metrics
            .Select((metric, i) => new MetricObservation(metric, canary[i].Result, baseline[i]?.Result))
            .ToList();
        return AnalysisEvaluator.Evaluate(now, observations, probes);
    }

    /// <summary>
    /// A judge compares with the stable release's samples even under an absolute threshold. Metrics without a judge
    /// make exactly the calls they made before judges existed, so histories in flight replay unchanged.
    /// </summary>
    private static bool NeedsBaseline(Spec.MetricSpec metric) => metric.Threshold.NeedsBaseline || metric.Judge is not null;
}
