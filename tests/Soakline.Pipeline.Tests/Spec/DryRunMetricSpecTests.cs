using System.Text.RegularExpressions;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Spec;

/// <summary>
/// <c>dryRun: true</c> on a metric: read from the spec, false when left out, and never coverage: a canary whose only
/// backend metrics are dry runs has nothing that counts (a warning, an error for a policy production environment).
/// </summary>
public sealed class DryRunMetricSpecTests
{
    private static readonly string NoHealth = SpecText.Valid().Replace("    health:\n      url: http://{host}/health\n", string.Empty, StringComparison.Ordinal);

    private static readonly SpecLoadOptions PolicyProduction = new(new HashSet<string>(["production"], StringComparer.Ordinal));

    private const string DryRunBackendMetric = "analysis:\n  metrics:\n    - name: p99\n      provider: prometheus\n      query: histogram_quantile(0.99, rate(latency_bucket[1m]))\n      max: 500\n      dryRun: true\n";

    [Fact]
    public void A_metric_marked_dryRun_true_is_a_dry_run_and_one_without_the_key_is_not()
    {
        var yaml = SpecText.Valid("analysis:\n  metrics:\n    - name: errors\n      query: error-rate\n      max: 5\n    - name: p99\n      query: latency-p99\n      max: 500\n      dryRun: true\n    - name: p50\n      query: latency-p50\n      max: 200\n      dryRun: false\n");

        var result = PipelineSpecLoader.Load(yaml);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var metrics = result.GetSpecOrThrow().Analysis.Metrics;
        Assert.Equal([("errors", false), ("p99", true), ("p50", false)], metrics.Select(m => (m.Name, m.DryRun)));
        Assert.Equal(new MetricThreshold(ThresholdKind.Max, 500), metrics[1].Threshold);
    }

    [Fact]
    public void A_non_boolean_dryRun_is_an_error_on_its_line_and_nothing_loads()
    {
        var yaml = SpecText.Valid("analysis:\n  metrics:\n    - name: p99\n      query: latency-p99\n      max: 500\n      dryRun: \"yes\"\n");

        var result = PipelineSpecLoader.Load(yaml);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("analysis.metrics[0].dryRun", error.Path);
        Assert.Equal(SpecText.LineOf(yaml, "dryRun:"), error.Line);
        Assert.Contains("not true or false", error.Message, StringComparison.Ordinal);
        Assert.Throws<PipelineSpecException>(result.GetSpecOrThrow);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dry_run_backend_metrics_alone_are_nothing_to_analyse_a_warning_or_for_policy_production_an_error(bool policyProduction)
    {
        var result = PipelineSpecLoader.Load(NoHealth + DryRunBackendMetric, policyProduction ? PolicyProduction : SpecLoadOptions.None);

        var problem = Assert.Single(policyProduction ? result.Errors : result.Warnings);
        Assert.Equal(!policyProduction, result.IsValid);
        Assert.Equal(("components.api", SpecText.LineOf(NoHealth, "=api:")), (problem.Path, problem.Line));
        Assert.Contains("nothing to analyse", problem.Message, StringComparison.Ordinal);
        Assert.Contains("(p99) are dry runs, which never count", problem.Message, StringComparison.Ordinal);
        Assert.Equal(policyProduction, problem.Message.Contains("a metric that is not a dry run", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_metric_without_dryRun_covers_the_canary_and_health_probes_cover_it_with_dry_runs_alone()
    {
        var live = PipelineSpecLoader.Load(NoHealth + DryRunBackendMetric.Replace("      dryRun: true\n", string.Empty, StringComparison.Ordinal), PolicyProduction);
        var probed = PipelineSpecLoader.Load(SpecText.Valid(DryRunBackendMetric), PolicyProduction);

        Assert.True(live.IsValid, string.Join("\n", live.Errors));
        Assert.Empty(live.Warnings);
        Assert.True(probed.IsValid, string.Join("\n", probed.Errors));
        Assert.Empty(probed.Warnings);
    }

    [Fact]
    public void The_documented_dry_run_example_loads_with_one_live_and_one_dry_run_metric()
    {
        var markdown = File.ReadAllText(Path.Combine(SpecText.RepositoryRoot(), "docs", "pipeline-spec.md"));
        var example = Regex.Match(markdown, "```yaml dry-run\n(.*?)```", RegexOptions.Singleline);
        Assert.True(example.Success, "docs/pipeline-spec.md has no ```yaml dry-run block");

        var spec = PipelineSpecLoader.Load(SpecText.Valid(example.Groups[1].Value)).GetSpecOrThrow();

        Assert.Equal([("error-rate", false), ("latency-p99", true)], spec.Analysis.Metrics.Select(m => (m.Name, m.DryRun)));
    }
}
