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
/// <param name="WithSamples">
/// Whether the reading should also carry <see cref="MetricReading.Samples"/> (a metric with a judge asks for them;
/// others skip the extra work and keep the orchestration history small).
/// </param>
public sealed record MetricQuery(
    string Metric,
    string Query,
    MetricScope Scope,
    string? Version,
    DateTimeOffset WindowEnd,
    TimeSpan Window,
    bool WithSamples = false);

/// <summary>A value over a window, or no data; always says which window it covers.</summary>
/// <param name="Value">The aggregate the thresholds compare (unchanged by <paramref name="Samples"/>).</param>
/// <param name="Samples">
/// The individual observations over the window that a judge compares between canary and stable (at most
/// <see cref="MaxSamples"/>, the most recent kept); null when the provider returned none.
/// </param>
public sealed record MetricReading(string Metric, double? Value, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string? Detail = null, IReadOnlyList<double>? Samples = null)
{
    /// <summary>
    /// The most samples a reading carries: bounds the activity result in the orchestration history and the judge's
    /// pairwise work (Hodges-Lehmann is n x m differences).
    /// </summary>
    public const int MaxSamples = 500;

    public bool HasData => Value is not null;

    /// <summary>The finite values of <paramref name="values"/>, the most recent <see cref="MaxSamples"/> when there are more.</summary>
    public static IReadOnlyList<double> BoundSamples(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count <= MaxSamples ? finite : finite.GetRange(finite.Count - MaxSamples, MaxSamples);
    }

    public static MetricReading NoData(string metric, DateTimeOffset windowStart, DateTimeOffset windowEnd, string? detail = null) =>
        new(metric, null, windowStart, windowEnd, detail ?? "no data");
}
