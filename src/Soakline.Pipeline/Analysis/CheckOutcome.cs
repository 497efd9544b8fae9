namespace Soakline.Pipeline.Analysis;

/// <summary>One metric or probe in one analysis, with the numbers that decided it.</summary>
public sealed record CheckOutcome(string Name, CheckStatus Status, double? Value, double? Baseline, double? Limit, string Detail)
{
    public bool Passed => Status == CheckStatus.Pass;
}
