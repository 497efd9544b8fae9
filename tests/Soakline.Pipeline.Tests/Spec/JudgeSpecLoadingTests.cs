using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Spec;

public sealed class JudgeSpecLoadingTests
{
    private const string Metrics = """
        analysis:
          judge:
            confidence: 0.99
            minEffect: 0.2
          metrics:
            - name: p95
              query: latency-p95
              max: 5
            - name: throughput
              provider: prometheus
              query: sum(rate(http_requests_total[1m]))
              maxAboveBaseline: 1000000
              judge:
                direction: lower-is-worse
                minSamples: 30
            - name: errors
              query: error-rate
              max: 5
              judge: false

        """;

    [Fact]
    public void A_metric_takes_the_analysis_judge_overrides_its_fields_or_opts_out()
    {
        var result = PipelineSpecLoader.Load(SpecText.Valid(Metrics));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var analysis = result.Spec!.Analysis;
        Assert.Equal(new JudgeSpec(0.99, 0.2, JudgeDirection.HigherIsWorse, JudgeSpec.DefaultMinSamples), analysis.Judge);
        Assert.Equal(analysis.Judge, analysis.Metrics[0].Judge);
        Assert.Equal(new JudgeSpec(0.99, 0.2, JudgeDirection.LowerIsWorse, 30), analysis.Metrics[1].Judge);
        Assert.Null(analysis.Metrics[2].Judge);
    }

    [Fact]
    public void The_built_in_metrics_get_the_analysis_judge_and_no_judge_by_default()
    {
        var judged = PipelineSpecLoader.Load(SpecText.Valid("analysis:\n  judge: {}\n"));
        var plain = PipelineSpecLoader.Load(SpecText.Valid());

        Assert.All(judged.Spec!.Analysis.Metrics, m => Assert.Equal(JudgeSpec.Default, m.Judge));
        Assert.All(plain.Spec!.Analysis.Metrics, m => Assert.Null(m.Judge));
    }

    [Fact]
    public void Every_invalid_judge_field_is_reported_at_once_on_its_own_line()
    {
        var yaml = SpecText.Valid("analysis:\n  judge:\n    confidence: 1.5\n    minEffect: -1\n    direction: sideways\n    minSamples: 1000\n");

        var result = PipelineSpecLoader.Load(yaml);

        Assert.Null(result.Spec);
        Assert.Equal(
            ["analysis.judge.confidence", "analysis.judge.minEffect", "analysis.judge.direction", "analysis.judge.minSamples"],
            result.Errors.Select(e => e.Path));
        Assert.Equal(
            [SpecText.LineOf(yaml, "confidence: 1.5"), SpecText.LineOf(yaml, "minEffect: -1"), SpecText.LineOf(yaml, "direction: sideways"), SpecText.LineOf(yaml, "minSamples: 1000")],
            result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Validate_lists_every_problem_of_a_judge_built_in_code()
    {
        var problems = new JudgeSpec(0.2, double.NaN, (JudgeDirection)7, 0).Validate();

        Assert.Equal(["confidence", "minEffect", "direction", "minSamples"], problems.Select(p => p.Field));
        Assert.Empty(JudgeSpec.Default.Validate());
    }
}
