namespace Soakline.Pipeline.Ports;

/// <summary>
/// One source of analysis metrics (Azure Monitor Logs, Prometheus, or the orchestrator's own probes), selected by
/// <see cref="Name"/> from a metric's <c>provider</c> field in the spec.
/// </summary>
/// <remarks>
/// An empty result is <see cref="MetricReading.NoData"/>, never a zero: "no data" must never count as healthy.
/// </remarks>
public interface IMetricsProvider
{
    /// <summary>The provider name used in pipeline specs: <c>azure-monitor</c>, <c>prometheus</c>, <c>probe</c>.</summary>
    string Name { get; }

    Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken);
}

/// <summary>Which population a reading covers, so canary and stable can be compared.</summary>
public enum MetricScope
{
    All,
    Canary,
    Stable,
}

/// <param name="Query">The provider-specific query (KQL, PromQL, or a built-in name such as <c>error-rate</c>).</param>
/// <param name="Version">The release or version dimension value that selects the scope's population.</param>
public sealed record MetricQuery(
    string Metric,
    string Query,
    MetricScope Scope,
    string? Version,
    DateTimeOffset WindowEnd,
    TimeSpan Window);

/// <summary>A value over a window, or no data; always says which window it covers.</summary>
public sealed record MetricReading(string Metric, double? Value, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string? Detail = null)
{
    public bool HasData => Value is not null;

    public static MetricReading NoData(string metric, DateTimeOffset windowStart, DateTimeOffset windowEnd, string? detail = null) =>
        new(metric, null, windowStart, windowEnd, detail ?? "no data");
}
