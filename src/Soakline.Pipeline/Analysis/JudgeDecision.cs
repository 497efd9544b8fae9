namespace Soakline.Pipeline.Analysis;

/// <summary>What the judge concluded about one metric.</summary>
public enum JudgeDecision
{
    /// <summary>No significant and large enough shift in the worse direction.</summary>
    Pass,

    /// <summary>The canary is worse: significant at the confidence asked and at least the minimum effect.</summary>
    CanaryWorse,

    /// <summary>Fewer samples than the minimum on either side: never counted as healthy.</summary>
    NoData,
}
