using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Metrics.Probes;

/// <summary>
/// <see cref="IMetricsProvider"/> <c>probe</c>: built-in metrics (<see cref="BuiltInMetric"/>) computed from the
/// <see cref="ProbeSampler"/>'s samples in the window, restricted to the scope's version.
/// </summary>
public sealed class ProbeMetricsProvider(ProbeSampleStore store) : IMetricsProvider
{
    public string Name => "probe";

    public Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        var window = MetricWindow.Of(query);
        var version = ScopeSelector.VersionFilter(query);
        var metric = BuiltInMetric.Find(query.Query)
            ?? throw new ArgumentException($"Metric '{query.Metric}': the probe provider knows {BuiltInMetric.KnownNames}, not '{query.Query}'.", nameof(query));

        var samples = store.Between(window.Start, window.End, version);
        if (samples.Count == 0)
        {
            return Task.FromResult(window.NoData(query.Metric, "no probe samples in the window"));
        }

        var detail = $"{samples.Count} probes";
        if (metric.Kind == BuiltInMetricKind.ErrorRatePercent)
        {
            var failed = samples.Count(s => !s.Success);
            return Task.FromResult(window.Reading(query.Metric, 100.0 * failed / samples.Count, detail));
        }

        // Latency of failed probes is a timeout or an error page, not service latency: it is counted by error-rate.
        var latencies = samples.Where(s => s.Success).Select(s => s.Latency.TotalMilliseconds).ToList();
        return Task.FromResult(latencies.Count == 0
            ? window.NoData(query.Metric, $"{detail}, none successful: no latency to report")
            : window.Reading(query.Metric, Percentile.NearestRank(latencies, metric.Percentile), $"{latencies.Count} successful of {detail}"));
    }
}
