namespace Soakline.Integrations.Metrics.Probes;

/// <summary>One probe: when, of what, whether it answered 2xx in time, and how long it took.</summary>
public sealed record ProbeSample(DateTimeOffset At, string Target, string? Version, bool Success, TimeSpan Latency, int? StatusCode);
