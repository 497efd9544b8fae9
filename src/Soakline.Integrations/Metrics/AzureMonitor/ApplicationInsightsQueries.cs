using System.Globalization;

namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>
/// Ready-made KQL over request telemetry for the built-in metrics. Each query yields one row with a <c>value</c> column,
/// or no row at all when the window saw no requests, which the provider reports as no data.
/// </summary>
/// <remarks>The time range is not in the KQL: the query API's <c>timespan</c> parameter bounds it.</remarks>
internal static class ApplicationInsightsQueries
{
    public static string For(BuiltInMetric metric, ApplicationInsightsSchema schema, KqlDimension dimension, string? version)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(dimension);
        var filter = version is null ? "" : $"\n| where {dimension.Expression} == {KqlString.Literal(version)}";
        return metric.Kind switch
        {
            BuiltInMetricKind.ErrorRatePercent =>
                $"{schema.Table}{filter}\n" +
                $"| summarize total = count(), failed = countif({schema.Success} == false)\n" +
                "| where total > 0\n" +
                "| project value = 100.0 * failed / total, samples = total",
            BuiltInMetricKind.LatencyMilliseconds =>
                $"{schema.Table}{filter}\n" +
                $"| summarize value = percentile({schema.DurationMs}, {metric.Percentile.ToString(CultureInfo.InvariantCulture)}), samples = count()\n" +
                "| where samples > 0\n" +
                "| project value, samples",
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric.Kind, "Unknown built-in metric kind."),
        };
    }

    /// <summary>
    /// The samples of a built-in metric for a judge: the same statistic per <paramref name="step"/> bin of the window
    /// (<c>summarize ... by bin(timestamp, step)</c>), one row per bin with a <c>value</c> column, in time order.
    /// </summary>
    public static string SamplesFor(BuiltInMetric metric, ApplicationInsightsSchema schema, KqlDimension dimension, string? version, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(dimension);
        var filter = version is null ? "" : $"\n| where {dimension.Expression} == {KqlString.Literal(version)}";
        var bin = $"bin({schema.Timestamp}, {Math.Max(1, (long)Math.Ceiling(step.TotalSeconds)).ToString(CultureInfo.InvariantCulture)}s)";
        var statistic = metric.Kind switch
        {
            BuiltInMetricKind.ErrorRatePercent =>
                $"| summarize total = count(), failed = countif({schema.Success} == false) by at = {bin}\n" +
                "| where total > 0\n" +
                "| project at, value = 100.0 * failed / total\n",
            BuiltInMetricKind.LatencyMilliseconds =>
                $"| summarize value = percentile({schema.DurationMs}, {metric.Percentile.ToString(CultureInfo.InvariantCulture)}) by at = {bin}\n",
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric.Kind, "Unknown built-in metric kind."),
        };
        return $"{schema.Table}{filter}\n{statistic}| order by at asc\n| take {Soakline.Pipeline.Ports.MetricReading.MaxSamples.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// A user's KQL from the spec with <c>{version}</c> replaced by the scope's version as a KQL string literal and
    /// <c>{dimension}</c> by the configured dimension expression.
    /// </summary>
    public static string Expand(string kql, KqlDimension dimension, string? version)
    {
        ArgumentNullException.ThrowIfNull(kql);
        ArgumentNullException.ThrowIfNull(dimension);
        if (kql.Contains("{version}", StringComparison.Ordinal) && version is null)
        {
            throw new ArgumentException("The query uses {version}, but the metric's scope is 'all', which has no version.", nameof(version));
        }

        return kql.Replace("{dimension}", dimension.Expression, StringComparison.Ordinal)
            .Replace("{version}", version is null ? "" : KqlString.Literal(version), StringComparison.Ordinal);
    }
}
