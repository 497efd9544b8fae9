namespace Soakline.Pipeline.Ports;

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
