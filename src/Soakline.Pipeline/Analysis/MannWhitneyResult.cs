namespace Soakline.Pipeline.Analysis;

/// <summary>
/// A one-sided Mann-Whitney U test of canary against baseline, with the Hodges-Lehmann estimate of the shift.
/// </summary>
/// <param name="U">The canary's U statistic: pairs (canary, baseline) where the canary is larger, ties counting half.</param>
/// <param name="UBaseline">The baseline's U; always <c>CanaryCount x BaselineCount - U</c>.</param>
/// <param name="Z">The standardised statistic after tie and continuity correction (0 when every value is tied).</param>
/// <param name="PValue">The one-sided p-value in the tested direction (normal approximation).</param>
/// <param name="Shift">Hodges-Lehmann shift: the median of all canary - baseline differences.</param>
/// <param name="ShiftLow">Lower end of the shift's confidence interval.</param>
/// <param name="ShiftHigh">Upper end of the shift's confidence interval.</param>
internal sealed record MannWhitneyResult(
    int CanaryCount,
    int BaselineCount,
    double U,
    double UBaseline,
    double Z,
    double PValue,
    double Shift,
    double ShiftLow,
    double ShiftHigh);
