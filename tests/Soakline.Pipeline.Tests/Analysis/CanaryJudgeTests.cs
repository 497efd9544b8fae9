using Soakline.Pipeline.Analysis;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Tests.Analysis;

public sealed class CanaryJudgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly JudgeSpec Judge = new(0.99, 0.1, JudgeDirection.HigherIsWorse, 20);

    /// <summary>Latencies around <paramref name="median"/> seconds with a deterministic spread of +-10 %.</summary>
    internal static double[] Latencies(double median, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => median * (1 + ((random.NextDouble() - 0.5) * 0.2)))];
    }

    [Fact]
    public void A_canary_thirty_percent_slower_is_worse()
    {
        var verdict = CanaryJudge.Decide(Judge, Latencies(0.26, 60, 1), Latencies(0.2, 60, 2));

        Assert.Equal(JudgeDecision.CanaryWorse, verdict.Decision);
        Assert.True(verdict.PValue < 0.01, $"p {verdict.PValue}");
        Assert.InRange(verdict.Effect!.Value, 0.2, 0.4);
        Assert.Equal((60, 60), (verdict.CanaryCount, verdict.BaselineCount));
    }

    [Fact]
    public void The_same_distribution_passes()
    {
        var verdict = CanaryJudge.Decide(Judge, Latencies(0.2, 60, 3), Latencies(0.2, 60, 4));

        Assert.Equal(JudgeDecision.Pass, verdict.Decision);
    }

    [Fact]
    public void A_significant_but_small_shift_passes_below_the_minimum_effect()
    {
        // 5 % slower on 500 samples each: clearly significant, but under the 10 % that is worth a rollback.
        var verdict = CanaryJudge.Decide(Judge, Latencies(0.21, 500, 5), Latencies(0.2, 500, 6));

        Assert.True(verdict.PValue < 0.01, $"p {verdict.PValue}");
        Assert.Equal(JudgeDecision.Pass, verdict.Decision);
    }

    [Fact]
    public void Lower_is_worse_judges_the_other_side()
    {
        var lowerIsWorse = Judge with { Direction = JudgeDirection.LowerIsWorse };

        Assert.Equal(JudgeDecision.CanaryWorse, CanaryJudge.Decide(lowerIsWorse, Latencies(70, 60, 7), Latencies(100, 60, 8)).Decision);
        Assert.Equal(JudgeDecision.Pass, CanaryJudge.Decide(lowerIsWorse, Latencies(130, 60, 9), Latencies(100, 60, 10)).Decision);
    }

    [Theory]
    [InlineData(19, 60)]
    [InlineData(60, 19)]
    [InlineData(0, 0)]
    public void Fewer_samples_than_the_minimum_on_either_side_is_no_data(int canary, int baseline)
    {
        var verdict = CanaryJudge.Decide(Judge, Latencies(0.5, canary, 11), Latencies(0.2, baseline, 12));

        Assert.Equal(JudgeDecision.NoData, verdict.Decision);
        Assert.Null(verdict.PValue);
        Assert.Contains("no data", verdict.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_threshold_that_passes_with_a_worse_canary_fails_the_check_by_the_judge()
    {
        var outcome = Evaluate(Latencies(0.26, 60, 13), Latencies(0.2, 60, 14), canaryValue: 0.26);

        Assert.Equal(CheckStatus.JudgeFailed, outcome.Status);
        Assert.False(outcome.Passed);
        Assert.Equal(JudgeDecision.CanaryWorse, outcome.Judge!.Decision);
        Assert.StartsWith("decided by the judge: canary worse", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("threshold passed", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_breached_threshold_decides_even_when_the_judge_passes()
    {
        var outcome = Evaluate(Latencies(0.2, 60, 15), Latencies(0.2, 60, 16), canaryValue: 9);

        Assert.Equal(CheckStatus.Breach, outcome.Status);
        Assert.Equal(JudgeDecision.Pass, outcome.Judge!.Decision);
        Assert.StartsWith("decided by the threshold", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_judge_without_samples_is_no_data_even_when_the_threshold_passes()
    {
        var outcome = Evaluate(null, null, canaryValue: 0.2);

        Assert.Equal(CheckStatus.NoData, outcome.Status);
        Assert.Contains("judge: no data", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_passing_pass_with_the_numbers_in_the_detail()
    {
        var outcome = Evaluate(Latencies(0.2, 60, 17), Latencies(0.2, 60, 18), canaryValue: 0.2);

        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("judge: pass (p ", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("n 60/60", outcome.Detail, StringComparison.Ordinal);
    }

    private static CheckOutcome Evaluate(IReadOnlyList<double>? canary, IReadOnlyList<double>? baseline, double canaryValue)
    {
        var metric = new MetricSpec("latency", "probe", "latency-p95", TimeSpan.FromMinutes(1), new(ThresholdKind.Max, 5), Judge: Judge);
        var window = (Now.AddMinutes(-1), Now);
        return AnalysisEvaluator.Judge(new MetricObservation(
            metric,
            new MetricReading("latency", canaryValue, window.Item1, window.Item2, Samples: canary),
            new MetricReading("latency", 0.2, window.Item1, window.Item2, Samples: baseline)));
    }
}
