namespace Soakline.Pipeline.Analysis;

public enum CheckStatus
{
    Pass,

    /// <summary>The value is above its threshold.</summary>
    Breach,

    /// <summary>No reading (or no baseline for a relative threshold): never counted as healthy.</summary>
    NoData,

    /// <summary>A health probe of a canary host failed.</summary>
    Unhealthy,

    /// <summary>The threshold passed, but the judge found the canary significantly worse than the stable release.</summary>
    JudgeFailed,
}
