namespace Soakline.Pipeline.Spec;

/// <summary>The checks run every <see cref="Interval"/> while a stage soaks.</summary>
/// <param name="FailureLimit">Consecutive failing analyses (breach, unhealthy probe or no data) that abort the release.</param>
/// <param name="HealthChecks">Whether each analysis also probes the health URL of the canary hosts.</param>
/// <param name="Judge">The default judge of every metric that declares none (already applied to <see cref="Metrics"/> when loaded).</param>
public sealed record AnalysisSpec(TimeSpan Interval, int FailureLimit, bool HealthChecks, IReadOnlyList<MetricSpec> Metrics, JudgeSpec? Judge = null);
