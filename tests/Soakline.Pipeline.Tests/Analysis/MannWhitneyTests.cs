using CsCheck;
using Soakline.Pipeline.Analysis;
using Soakline.Tests.Properties;

namespace Soakline.Pipeline.Tests.Analysis;

public sealed class MannWhitneyTests
{
    // Hollander & Wolfe (1973), p. 69f, the two-sample example in R's ?wilcox.test: permeability constants of the human
    // chorioamnion at term (x) and at 12-26 weeks (y); alternative "greater". R documents W = 35 and, for
    // wilcox.test(x, y, alternative = "greater", exact = FALSE, correct = FALSE), p-value = 0.1103.
    private static readonly double[] TermPermeability = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    private static readonly double[] EarlyPermeability = [1.15, 0.88, 0.90, 0.74, 1.21];

    [Fact]
    public void Hollander_and_Wolfe_permeability_example_matches_R()
    {
        var result = MannWhitney.Test(TermPermeability, EarlyPermeability, greater: true, confidence: 0.95, continuityCorrection: false);

        Assert.Equal(35, result.U);
        Assert.Equal(15, result.UBaseline);
        Assert.Equal(0.1103, result.PValue, 4);

        // R: wilcox.test(x, y, conf.int = TRUE) gives "difference in location 0.305" (median of the 50 differences).
        Assert.Equal(0.305, result.Shift, 9);
    }

    [Fact]
    public void Continuity_correction_moves_the_statistic_half_a_unit_towards_the_mean()
    {
        // (35 - 25 - 0.5) / sqrt(10 * 5 * 16 / 12) = 1.16351; 1 - Phi(1.16351) = 0.12231 (R: correct = TRUE, exact = FALSE).
        var result = MannWhitney.Test(TermPermeability, EarlyPermeability, greater: true, confidence: 0.95);

        Assert.Equal(1.16351, result.Z, 5);
        Assert.Equal(0.12231, result.PValue, 5);
    }

    [Fact]
    public void SciPy_documentation_example_matches_its_asymptotic_p_value()
    {
        // scipy.stats.mannwhitneyu docs: males [19, 22, 16, 29, 24] vs females [20, 11, 17, 12], method="asymptotic"
        // gives U1 = 17 and a two-sided p = 0.11134688653314041 (continuity-corrected); one-sided is half of it.
        var result = MannWhitney.Test([19, 22, 16, 29, 24], [20, 11, 17, 12], greater: true, confidence: 0.95);

        Assert.Equal(17, result.U);
        Assert.Equal(0.11134688653314041 / 2, result.PValue, 10);
        Assert.Equal(7, result.Shift);
    }

    [Fact]
    public void Ties_get_midranks_and_shrink_the_variance()
    {
        // Pooled 1,1,2,2,2,3: midranks 1.5,1.5,4,4,4,6. Canary {2,2,3} has rank sum 14, so U = 14 - 6 = 8.
        // Var = 3*3/12 * (7 - (6 + 24) / 30) = 4.5; z = (8 - 4.5 - 0.5) / sqrt(4.5) = 1.41421.
        var result = MannWhitney.Test([2, 2, 3], [1, 1, 2], greater: true, confidence: 0.9);

        Assert.Equal(8, result.U);
        Assert.Equal(1.41421, result.Z, 5);
    }

    [Fact]
    public void All_values_tied_is_no_evidence()
    {
        var result = MannWhitney.Test([5, 5, 5], [5, 5], greater: true, confidence: 0.95);

        Assert.Equal(1, result.PValue);
        Assert.Equal(0, result.Shift);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MannWhitney.Test([], [1], greater: true, confidence: 0.95));
        Assert.Throws<ArgumentException>(() => MannWhitney.Test([double.NaN], [1], greater: true, confidence: 0.95));
        Assert.Throws<ArgumentOutOfRangeException>(() => MannWhitney.Test([1], [1], greater: true, confidence: 1));
    }

    private static readonly Gen<(double[] Canary, double[] Baseline)> Samples =
        Gen.Select(Gen.Int[0, 20].Array[1, 30], Gen.Int[0, 20].Array[1, 30], (a, b) => (a.Select(v => (double)v).ToArray(), b.Select(v => (double)v).ToArray()));

    [Fact]
    public void U_statistics_add_up_to_the_number_of_pairs() =>
        PropertyRun.Check(Samples, s =>
        {
            var result = MannWhitney.Test(s.Canary, s.Baseline, greater: true, confidence: 0.95);
            Assert.Equal((double)s.Canary.Length * s.Baseline.Length, result.U + result.UBaseline, 9);
            Assert.InRange(result.U, 0, s.Canary.Length * s.Baseline.Length);
        }, normalCases: 200);

    [Fact]
    public void Swapping_the_samples_swaps_U_and_mirrors_the_one_sided_test() =>
        PropertyRun.Check(Samples, s =>
        {
            var greater = MannWhitney.Test(s.Canary, s.Baseline, greater: true, confidence: 0.95);
            var swappedLess = MannWhitney.Test(s.Baseline, s.Canary, greater: false, confidence: 0.95);
            Assert.Equal(greater.U, swappedLess.UBaseline, 9);
            Assert.Equal(greater.PValue, swappedLess.PValue, 9);
            Assert.Equal(-greater.Shift, swappedLess.Shift, 9);
        }, normalCases: 200);

    [Fact]
    public void Adding_a_constant_to_the_canary_moves_the_shift_and_keeps_ranks_of_a_common_shift() =>
        PropertyRun.Check(Gen.Select(Samples, Gen.Int[-50, 50]), c =>
        {
            var ((canary, baseline), offset) = c;
            var plain = MannWhitney.Test(canary, baseline, greater: true, confidence: 0.95);

            // Shifting both samples by the same amount changes nothing but the location.
            var both = MannWhitney.Test([.. canary.Select(v => v + offset)], [.. baseline.Select(v => v + offset)], greater: true, confidence: 0.95);
            Assert.Equal(plain.U, both.U, 9);
            Assert.Equal(plain.PValue, both.PValue, 9);
            Assert.Equal(plain.Shift, both.Shift, 9);

            // Shifting the canary alone moves the Hodges-Lehmann estimate and its interval by exactly that amount.
            var moved = MannWhitney.Test([.. canary.Select(v => v + offset)], baseline, greater: true, confidence: 0.95);
            Assert.Equal(plain.Shift + offset, moved.Shift, 9);
            Assert.Equal(plain.ShiftLow + offset, moved.ShiftLow, 9);
            Assert.Equal(plain.ShiftHigh + offset, moved.ShiftHigh, 9);
        }, normalCases: 200);

    [Fact]
    public void The_shift_lies_within_its_confidence_interval_and_p_is_a_probability() =>
        PropertyRun.Check(Samples, s =>
        {
            var result = MannWhitney.Test(s.Canary, s.Baseline, greater: true, confidence: 0.95);
            Assert.InRange(result.Shift, result.ShiftLow, result.ShiftHigh);
            Assert.InRange(result.PValue, 0, 1);
        }, normalCases: 200);
}
