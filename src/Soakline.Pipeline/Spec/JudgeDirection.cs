namespace Soakline.Pipeline.Spec;

/// <summary>Which way a metric gets worse, so the judge tests one side only (spec words: <c>higher-is-worse</c>, <c>lower-is-worse</c>).</summary>
public enum JudgeDirection
{
    /// <summary>Latency, error rate: a canary with higher values is worse.</summary>
    HigherIsWorse,

    /// <summary>Throughput, success rate: a canary with lower values is worse.</summary>
    LowerIsWorse,
}
