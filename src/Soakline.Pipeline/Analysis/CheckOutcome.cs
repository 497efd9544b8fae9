namespace Soakline.Pipeline.Analysis;

/// <summary>One metric or probe in one analysis, with the numbers that decided it.</summary>
/// <param name="DryRun">
/// A dry-run metric's check: <see cref="Status"/> is the verdict it would have had; <see cref="AnalysisResult"/> never
/// counts it toward healthy or failing.
/// </param>
/// <param name="Judge">The judge's verdict and statistics when the metric has a judge.</param>
public sealed record CheckOutcome(string Name, CheckStatus Status, double? Value, double? Baseline, double? Limit, string Detail, bool DryRun = false, JudgeVerdict? Judge = null)
{
    public bool Passed => Status == CheckStatus.Pass;
}
