namespace Soakline.Pipeline.Spec;

public enum ThresholdKind
{
    /// <summary>Breach when the value is above <see cref="MetricThreshold.Value"/>.</summary>
    Max,

    /// <summary>Breach when the value is above the stable baseline plus <see cref="MetricThreshold.Value"/>.</summary>
    BaselinePlus,

    /// <summary>Breach when the value is above the stable baseline times <see cref="MetricThreshold.Value"/>.</summary>
    BaselineTimes,
}
