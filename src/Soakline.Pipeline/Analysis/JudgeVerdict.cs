using System.Globalization;

namespace Soakline.Pipeline.Analysis;

/// <summary>
/// The judge's verdict on one metric with the numbers behind it, as the live view shows them. The statistics are null
/// when the verdict is <see cref="JudgeDecision.NoData"/> (no test was run).
/// </summary>
/// <param name="Alpha">The significance level the p-value was compared with (1 - confidence).</param>
/// <param name="Effect">
/// The shift in the worse direction as a fraction of the baseline median (0.3 = 30 % worse); null when the baseline
/// median is 0 (any worse shift is then large enough).
/// </param>
/// <param name="MinEffect">The smallest effect that fails the canary.</param>
public sealed record JudgeVerdict(
    JudgeDecision Decision,
    int CanaryCount,
    int BaselineCount,
    int MinSamples,
    double Alpha,
    double MinEffect,
    double? U = null,
    double? PValue = null,
    double? Shift = null,
    double? ShiftLow = null,
    double? ShiftHigh = null,
    double? BaselineMedian = null,
    double? Effect = null)
{
    /// <summary>One line: decision, p against alpha, shift with its interval and relative effect, sample counts.</summary>
    public string Describe()
    {
        var counts = string.Create(CultureInfo.InvariantCulture, $"n {CanaryCount}/{BaselineCount}");
        if (Decision == JudgeDecision.NoData)
        {
            return string.Create(CultureInfo.InvariantCulture, $"no data ({counts} canary/baseline samples, need {MinSamples} each)");
        }

        var word = Decision == JudgeDecision.CanaryWorse ? "canary worse" : "pass";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{word} (p {PValue:0.####} vs {Alpha:0.####}, shift {Shift:+0.###;-0.###;0} [{ShiftLow:0.###}, {ShiftHigh:0.###}] = {FormatEffect(Effect)} vs min {MinEffect:0.#%}, U {U:0.#}, {counts})");
    }

    private static string FormatEffect(double? effect) =>
        effect?.ToString("+0.#%;-0.#%;0%", CultureInfo.InvariantCulture) ?? "n/a (baseline median 0)";
}
