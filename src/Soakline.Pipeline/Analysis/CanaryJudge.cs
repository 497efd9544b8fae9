using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Analysis;

/// <summary>
/// Applies a <see cref="JudgeSpec"/> to canary and baseline samples: canary worse when the one-sided Mann-Whitney
/// p-value is below 1 - confidence AND the Hodges-Lehmann shift, relative to the baseline median, is at least the
/// minimum effect; "no data" below the minimum sample count on either side; otherwise pass.
/// </summary>
internal static class CanaryJudge
{
    public static JudgeVerdict Decide(JudgeSpec judge, IReadOnlyList<double>? canary, IReadOnlyList<double>? baseline)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var canarySamples = canary?.Where(double.IsFinite).ToList() ?? [];
        var baselineSamples = baseline?.Where(double.IsFinite).ToList() ?? [];
        if (canarySamples.Count < judge.MinSamples || baselineSamples.Count < judge.MinSamples)
        {
            return new JudgeVerdict(JudgeDecision.NoData, canarySamples.Count, baselineSamples.Count, judge.MinSamples, judge.Alpha, judge.MinEffect);
        }

        var higherIsWorse = judge.Direction == JudgeDirection.HigherIsWorse;
        var test = MannWhitney.Test(canarySamples, baselineSamples, greater: higherIsWorse, judge.Confidence);
        var median = MannWhitney.Median(baselineSamples);
        var worseShift = higherIsWorse ? test.Shift : -test.Shift;
        var effect = RelativeEffect(worseShift, median);
        var worse = test.PValue < judge.Alpha && effect >= judge.MinEffect;
        return new JudgeVerdict(
            worse ? JudgeDecision.CanaryWorse : JudgeDecision.Pass,
            test.CanaryCount,
            test.BaselineCount,
            judge.MinSamples,
            judge.Alpha,
            judge.MinEffect,
            test.U,
            test.PValue,
            test.Shift,
            test.ShiftLow,
            test.ShiftHigh,
            median,
            // JSON has no infinity (the verdict travels in orchestration history): a zero baseline median shows as n/a.
            double.IsFinite(effect) ? effect : null);
    }

    /// <summary>
    /// The shift as a fraction of the baseline median. A zero median (an error rate that is usually 0) makes any worse
    /// shift infinitely large and no shift zero, so only the p-value then decides.
    /// </summary>
    private static double RelativeEffect(double worseShift, double baselineMedian)
    {
        if (baselineMedian != 0)
        {
            return worseShift / Math.Abs(baselineMedian);
        }

        return worseShift switch
        {
            > 0 => double.PositiveInfinity,
            < 0 => double.NegativeInfinity,
            _ => 0,
        };
    }
}
