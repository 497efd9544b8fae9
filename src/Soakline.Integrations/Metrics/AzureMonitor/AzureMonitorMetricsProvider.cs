using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>
/// <see cref="IMetricsProvider"/> <c>azure-monitor</c>: a built-in metric name (<see cref="BuiltInMetric"/>) runs the
/// ready-made request query; anything else is the user's KQL with <c>{version}</c> and <c>{dimension}</c> placeholders.
/// A query that asks for samples (a judge) of a built-in metric also runs the per-bin query
/// (<see cref="ApplicationInsightsQueries.SamplesFor"/>).
/// </summary>
internal sealed class AzureMonitorMetricsProvider : IMetricsProvider
{
    private readonly LogAnalyticsClient _client;
    private readonly ApplicationInsightsSchema _schema;
    private readonly KqlDimension _dimension;

    public AzureMonitorMetricsProvider(LogAnalyticsClient client, LogAnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _client = client;
        _schema = ApplicationInsightsSchema.For(settings.RequestsTable);
        _dimension = KqlDimension.Parse(settings.VersionDimension ?? _schema.DefaultVersionDimension);
    }

    public string Name => "azure-monitor";

    public async Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        var window = MetricWindow.Of(query);
        var version = ScopeSelector.VersionFilter(query);
        if (string.IsNullOrWhiteSpace(query.Query))
        {
            throw new ArgumentException($"Metric '{query.Metric}': query must be KQL or one of {BuiltInMetric.KnownNames}.", nameof(query));
        }

        var builtIn = BuiltInMetric.Find(query.Query);
        var kql = builtIn is not null
            ? ApplicationInsightsQueries.For(builtIn, _schema, _dimension, version)
            : ApplicationInsightsQueries.Expand(query.Query, _dimension, version);
        var table = await _client.QueryAsync(kql, window.Start, window.End, cancellationToken).ConfigureAwait(false);
        if (table.IsEmpty)
        {
            return window.NoData(query.Metric, "no rows: no matching requests in the window");
        }

        var value = table.FirstValue();
        var samples = table.Samples();
        if (value is null)
        {
            return window.NoData(query.Metric, "the query returned an empty value");
        }

        var reading = window.Reading(query.Metric, value.Value, samples is null ? null : $"{samples} requests");
        if (!query.WithSamples)
        {
            return reading;
        }

        if (builtIn is null)
        {
            // A custom KQL computes one value; there is no general way to split it into samples. The judge says no data.
            return reading with { Detail = $"{reading.Detail ?? "custom KQL"}; no samples for a judge (use a built-in query)", Samples = [] };
        }

        // A second query, one row per time bin: the threshold's value above stays exactly the single query's.
        var binned = await _client.QueryAsync(ApplicationInsightsQueries.SamplesFor(builtIn, _schema, _dimension, version, window.SampleStep), window.Start, window.End, cancellationToken).ConfigureAwait(false);
        return reading with { Samples = MetricReading.BoundSamples(binned.Values()) };
    }
}
