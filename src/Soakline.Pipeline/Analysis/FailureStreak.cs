namespace Soakline.Pipeline.Analysis;

/// <summary>
/// Consecutive failing analyses. One bad minute is noise; <c>failureLimit</c> in a row (the seeds' "3+ consecutive")
/// aborts the rollout. A healthy analysis resets the streak.
/// </summary>
internal sealed record FailureStreak(int Count, int Limit)
{
    public static FailureStreak Start(int limit) => new(0, limit);

    public bool LimitReached => Count >= Limit;

    public FailureStreak After(AnalysisResult analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return this with { Count = analysis.Healthy ? 0 : Count + 1 };
    }
}
