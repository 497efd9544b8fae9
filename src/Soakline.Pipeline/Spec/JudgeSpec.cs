using System.Globalization;

namespace Soakline.Pipeline.Spec;

/// <summary>
/// A statistical comparison of a metric's canary samples with the stable release's samples over the same window
/// (a one-sided Mann-Whitney U test in the worse direction, with a minimum effect size).
/// </summary>
/// <param name="Confidence">The canary is worse only when the test's p-value is below <c>1 - Confidence</c> (0.5 to 0.9999).</param>
/// <param name="MinEffect">
/// The smallest shift that counts, as a fraction of the baseline median (0.1 = 10 %): a statistically clear but tiny
/// difference is not worth a rollback.
/// </param>
/// <param name="Direction">Which way is worse: higher values (latency, errors) or lower (throughput, success rate).</param>
/// <param name="MinSamples">Below this many samples on either side the verdict is "no data", which is never healthy.</param>
public sealed record JudgeSpec(double Confidence, double MinEffect, JudgeDirection Direction, int MinSamples)
{
    public const double DefaultConfidence = 0.95;
    public const double DefaultMinEffect = 0.1;
    public const int DefaultMinSamples = 10;

    /// <summary>The bounds <see cref="Validate"/> checks, in the words a spec error uses.</summary>
    public const double MinConfidence = 0.5;
    public const double MaxConfidence = 0.9999;
    public const int LeastMinSamples = 3;

    public static JudgeSpec Default { get; } = new(DefaultConfidence, DefaultMinEffect, JudgeDirection.HigherIsWorse, DefaultMinSamples);

    /// <summary>The significance level the p-value is compared with.</summary>
    public double Alpha => 1 - Confidence;

    /// <summary>
    /// Every problem with these values at once (field name, message), empty when valid: one pass shows the user all
    /// that is wrong instead of one error per attempt.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var problems = new List<(string, string)>();
        if (!(Confidence >= MinConfidence && Confidence <= MaxConfidence))
        {
            problems.Add(("confidence", Invariant($"{Confidence} is not from {MinConfidence} to {MaxConfidence} (e.g. 0.95 or 0.99)")));
        }

        if (!(MinEffect >= 0 && double.IsFinite(MinEffect)))
        {
            problems.Add(("minEffect", Invariant($"{MinEffect} is not a fraction of at least 0 (0.1 = a 10 % shift of the baseline median)")));
        }

        if (!Enum.IsDefined(Direction))
        {
            problems.Add(("direction", $"'{Direction}' is not higher-is-worse or lower-is-worse"));
        }

        if (MinSamples < LeastMinSamples || MinSamples > Ports.MetricReading.MaxSamples)
        {
            problems.Add(("minSamples", Invariant($"{MinSamples} is not a whole number from {LeastMinSamples} to {Ports.MetricReading.MaxSamples} (the most samples a reading carries)")));
        }

        return problems;
    }

    public override string ToString() => Invariant(
        $"confidence {Confidence}, min effect {MinEffect:0.###}, {(Direction == JudgeDirection.HigherIsWorse ? "higher" : "lower")} is worse, min {MinSamples} samples");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
