using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>
/// <see cref="IMetricsProvider"/> <c>azure-monitor</c>: a built-in metric name (<see cref="BuiltInMetric"/>) runs the
/// ready-made request query; anything else is the user's KQL with <c>{version}</c> and <c>{dimension}</c> placeholders.
/// </summary>
public sealed class AzureMonitorMetricsProvider : IMetricsProvider
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

        var kql = BuiltInMetric.Find(query.Query) is { } builtIn
            ? ApplicationInsightsQueries.For(builtIn, _schema, _dimension, version)
            : ApplicationInsightsQueries.Expand(query.Query, _dimension, version);
        var table = await _client.QueryAsync(kql, window.Start, window.End, cancellationToken).ConfigureAwait(false);
        if (table.IsEmpty)
        {
            return window.NoData(query.Metric, "no rows: no matching requests in the window");
        }

        var value = table.FirstValue();
        var samples = table.Samples();
        return value is null
            ? window.NoData(query.Metric, "the query returned an empty value")
            : window.Reading(query.Metric, value.Value, samples is null ? null : $"{samples} requests");
    }
}
