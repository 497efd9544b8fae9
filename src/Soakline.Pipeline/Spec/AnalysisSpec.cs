namespace Soakline.Pipeline.Spec;

/// <summary>The checks run every <see cref="Interval"/> while a stage soaks.</summary>
/// <param name="FailureLimit">Consecutive failing analyses (breach, unhealthy probe or no data) that abort the release.</param>
/// <param name="HealthChecks">Whether each analysis also probes the health URL of the canary hosts.</param>
/// <param name="Judge">The default judge of every metric that declares none (already applied to <see cref="Metrics"/> when loaded).</param>
public sealed record AnalysisSpec(TimeSpan Interval, int FailureLimit, bool HealthChecks, IReadOnlyList<MetricSpec> Metrics, JudgeSpec? Judge = null);

/// <param name="Provider">The metrics provider name: <c>azure-monitor</c>, <c>prometheus</c> or <c>probe</c>.</param>
/// <param name="Query">The provider's query (KQL, PromQL, or a built-in probe statistic such as <c>error-rate</c>).</param>
/// <param name="Window">The time window each reading covers.</param>
/// <param name="DryRun">
/// Measured and shown like any other metric, with the verdict it would have had, but never counted: it cannot fail an
/// analysis, abort a stage or promote one. For trying a new query before trusting it to roll releases back.
/// </param>
/// <param name="Judge">When set, canary and stable samples are also compared statistically; either failing fails the check.</param>
public sealed record MetricSpec(string Name, string Provider, string Query, TimeSpan Window, MetricThreshold Threshold, bool DryRun = false, JudgeSpec? Judge = null);

/// <summary>When a reading breaches: above a fixed value, or above the stable baseline plus a margin or times a factor.</summary>
public sealed record MetricThreshold(ThresholdKind Kind, double Value)
{
    public bool NeedsBaseline => Kind != ThresholdKind.Max;

    /// <summary>The largest healthy value for a given baseline; null when a relative threshold has no baseline.</summary>
    public double? Limit(double? baseline) => Kind switch
    {
        ThresholdKind.Max => Value,
        ThresholdKind.BaselinePlus => baseline + Value,
        ThresholdKind.BaselineTimes => baseline * Value,
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        ThresholdKind.Max => FormattableString.Invariant($"> {Value}"),
        ThresholdKind.BaselinePlus => FormattableString.Invariant($"> baseline + {Value}"),
        _ => FormattableString.Invariant($"> baseline x {Value}"),
    };
}

public enum ThresholdKind
{
    /// <summary>Breach when the value is above <see cref="MetricThreshold.Value"/>.</summary>
    Max,

    /// <summary>Breach when the value is above the stable baseline plus <see cref="MetricThreshold.Value"/>.</summary>
    BaselinePlus,

    /// <summary>Breach when the value is above the stable baseline times <see cref="MetricThreshold.Value"/>.</summary>
    BaselineTimes,
}
