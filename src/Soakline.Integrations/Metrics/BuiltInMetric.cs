namespace Soakline.Integrations.Metrics;

/// <summary>
/// The metric names every provider with ready-made queries understands in a spec's <c>query</c> field:
/// <c>error-rate</c> (percent of failed requests), <c>latency-p50</c>, <c>latency-p95</c>, <c>latency-p99</c> (milliseconds).
/// </summary>
internal sealed record BuiltInMetric(string Name, BuiltInMetricKind Kind, double Percentile)
{
    public static readonly BuiltInMetric ErrorRate = new("error-rate", BuiltInMetricKind.ErrorRatePercent, 0);
    public static readonly BuiltInMetric LatencyP50 = new("latency-p50", BuiltInMetricKind.LatencyMilliseconds, 50);
    public static readonly BuiltInMetric LatencyP95 = new("latency-p95", BuiltInMetricKind.LatencyMilliseconds, 95);
    public static readonly BuiltInMetric LatencyP99 = new("latency-p99", BuiltInMetricKind.LatencyMilliseconds, 99);

    public static IReadOnlyList<BuiltInMetric> All { get; } = [ErrorRate, LatencyP50, LatencyP95, LatencyP99];

    public static BuiltInMetric? Find(string? name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string KnownNames => string.Join(", ", All.Select(m => m.Name));
}
