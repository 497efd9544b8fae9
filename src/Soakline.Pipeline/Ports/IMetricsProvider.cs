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
