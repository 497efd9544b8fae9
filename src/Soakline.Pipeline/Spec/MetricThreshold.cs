namespace Soakline.Pipeline.Spec;

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
