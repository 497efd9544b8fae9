using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Metrics.Probes;

/// <summary>
/// <see cref="IMetricsProvider"/> <c>probe</c>: built-in metrics (<see cref="BuiltInMetric"/>) computed from the
/// <see cref="ProbeSampler"/>'s samples in the window, restricted to the scope's version. The reading also carries
/// the samples themselves when the query asks for them (a judge): each successful probe's latency, or each probe's 0/100 error outcome.
/// </summary>
internal sealed class ProbeMetricsProvider(ProbeSampleStore store) : IMetricsProvider
{
    public string Name => "probe";

    public Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        var window = MetricWindow.Of(query);
        var version = ScopeSelector.VersionFilter(query);
        var metric = BuiltInMetric.Find(query.Query)
            ?? throw new ArgumentException($"Metric '{query.Metric}': the probe provider knows {BuiltInMetric.KnownNames}, not '{query.Query}'.", nameof(query));

        // In time order, so a judge's bounded sample list keeps the most recent probes.
        var samples = store.Between(window.Start, window.End, version).OrderBy(s => s.At).ToList();
        if (samples.Count == 0)
        {
            return Task.FromResult(window.NoData(query.Metric, "no probe samples in the window"));
        }

        var detail = $"{samples.Count} probes";
        if (metric.Kind == BuiltInMetricKind.ErrorRatePercent)
        {
            var failed = samples.Count(s => !s.Success);

            // Each probe is a sample of 0 % or 100 %: their mean is the error rate, and a judge can rank them.
            var outcomes = MetricReading.BoundSamples(samples.Select(s => s.Success ? 0.0 : 100.0));
            return Task.FromResult(window.Reading(query.Metric, 100.0 * failed / samples.Count, detail) with { Samples = query.WithSamples ? outcomes : null });
        }

        // Latency of failed probes is a timeout or an error page, not service latency: it is counted by error-rate.
        var latencies = samples.Where(s => s.Success).Select(s => s.Latency.TotalMilliseconds).ToList();
        return Task.FromResult(latencies.Count == 0
            ? window.NoData(query.Metric, $"{detail}, none successful: no latency to report")
            : window.Reading(query.Metric, Percentile.NearestRank(latencies, metric.Percentile), $"{latencies.Count} successful of {detail}") with { Samples = query.WithSamples ? MetricReading.BoundSamples(latencies) : null });
    }
}
