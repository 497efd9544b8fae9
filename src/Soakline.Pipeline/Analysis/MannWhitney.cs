using MathNet.Numerics.Distributions;

namespace Soakline.Pipeline.Analysis;

/// <summary>
/// The Mann-Whitney U (Wilcoxon rank-sum) test: does the canary tend to have larger (or smaller) values than the
/// baseline? Rank based, so it needs no assumption about the shape of latency distributions (skewed, multi-modal),
/// and one outlier cannot decide it.
/// </summary>
/// <remarks>
/// The p-value uses the normal approximation with the tie correction of the variance and a continuity correction of
/// 1/2 towards the mean: the same numbers as R's <c>wilcox.test(x, y, alternative, exact = FALSE, correct = TRUE)</c>.
/// The shift's confidence interval is the distribution-free interval of Hollander and Wolfe (order statistics of the
/// pairwise differences, large-sample critical value), two-sided at the given confidence.
/// </remarks>
internal static class MannWhitney
{
    /// <summary>Tests whether <paramref name="canary"/> is stochastically greater (or, with <paramref name="greater"/> false, smaller) than <paramref name="baseline"/>.</summary>
    /// <param name="continuityCorrection">
    /// Shift U by 1/2 towards the mean before the normal approximation (the default, as R's <c>correct = TRUE</c>);
    /// without it the result matches textbook large-sample figures such as Hollander and Wolfe's.
    /// </param>
    public static MannWhitneyResult Test(IReadOnlyList<double> canary, IReadOnlyList<double> baseline, bool greater, double confidence, bool continuityCorrection = true)
    {
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(baseline);
        if (canary.Count == 0 || baseline.Count == 0)
        {
            throw new ArgumentException("Both samples need at least one value.", canary.Count == 0 ? nameof(canary) : nameof(baseline));
        }

        if (canary.Concat(baseline).Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Samples must be finite numbers.", nameof(canary));
        }

        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be between 0 and 1.");
        }

        var n1 = canary.Count;
        var n2 = baseline.Count;
        var (rankSum, tieTerm) = RankSum(canary, baseline);
        var u = rankSum - (n1 * (n1 + 1.0) / 2);
        var pairs = (double)n1 * n2;
        var total = n1 + n2;

        // Var(U) with ties: n1 n2 / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1))).
        var variance = pairs / 12 * (total + 1 - (total > 1 ? tieTerm / (total * (total - 1.0)) : 0));
        var centred = u - (pairs / 2);
        double z;
        double p;
        if (variance <= 0)
        {
            // Every value is the same: no evidence either way.
            z = 0;
            p = 1;
        }
        else
        {
            var continuity = !continuityCorrection ? 0 : greater ? 0.5 : -0.5;
            z = (centred - continuity) / Math.Sqrt(variance);
            p = greater ? 1 - Normal.CDF(0, 1, z) : Normal.CDF(0, 1, z);
        }

        var (shift, low, high) = HodgesLehmann(canary, baseline, confidence);
        return new MannWhitneyResult(n1, n2, u, pairs - u, z, p, shift, low, high);
    }

    /// <summary>The median of a sample (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A median needs at least one value.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        return MiddleOf(sorted);
    }

    /// <summary>Sum of the canary's midranks in the pooled sample, and sum(t^3 - t) over groups of tied values.</summary>
    private static (double RankSum, double TieTerm) RankSum(IReadOnlyList<double> canary, IReadOnlyList<double> baseline)
    {
        var pooled = canary.Select(v => (Value: v, Canary: true))
            .Concat(baseline.Select(v => (Value: v, Canary: false)))
            .OrderBy(x => x.Value)
            .ToArray();
        double rankSum = 0;
        double tieTerm = 0;
        for (var start = 0; start < pooled.Length;)
        {
            var end = start;
            while (end + 1 < pooled.Length && pooled[end + 1].Value == pooled[start].Value)
            {
                end++;
            }

            // Tied values share the mean of the ranks they span (ranks are 1-based).
            var midrank = (start + end + 2) / 2.0;
            for (var i = start; i <= end; i++)
            {
                if (pooled[i].Canary)
                {
                    rankSum += midrank;
                }
            }

            double t = end - start + 1;
            tieTerm += (t * t * t) - t;
            start = end + 1;
        }

        return (rankSum, tieTerm);
    }

    private static (double Shift, double Low, double High) HodgesLehmann(IReadOnlyList<double> canary, IReadOnlyList<double> baseline, double confidence)
    {
        var differences = new double[canary.Count * baseline.Count];
        var k = 0;
        foreach (var x in canary)
        {
            foreach (var y in baseline)
            {
                differences[k++] = x - y;
            }
        }

        Array.Sort(differences);
        var pairs = differences.Length;
        var n1 = canary.Count;
        var n2 = baseline.Count;

        // Hollander & Wolfe: C = n1 n2 / 2 - z(1 - alpha/2) sqrt(n1 n2 (N + 1) / 12); the interval is the C-th smallest
        // to the C-th largest difference. Too few pairs for the confidence asked give the widest interval there is.
        var zCritical = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        var c = (int)Math.Round((pairs / 2.0) - (zCritical * Math.Sqrt(pairs * (n1 + n2 + 1) / 12.0)), MidpointRounding.AwayFromZero);
        c = Math.Clamp(c, 1, (pairs + 1) / 2);
        return (MiddleOf(differences), differences[c - 1], differences[pairs - c]);
    }

    private static double MiddleOf(double[] sorted)
    {
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
