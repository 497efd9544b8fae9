using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Spec;

/// <summary>A component rolled out in stages with nothing to analyse: a warning with its line, an error in production.</summary>
public sealed class AnalysisCoverageTests
{
    private static readonly string NoHealth = SpecText.Valid().Replace("    health:\n      url: http://{host}/health\n", string.Empty, StringComparison.Ordinal);

    private static readonly SpecLoadOptions PolicyProduction = new(new HashSet<string>(["production"], StringComparer.Ordinal));

    [Fact]
    public void Without_health_url_or_backend_metrics_the_spec_loads_with_a_warning_on_the_components_line()
    {
        var result = PipelineSpecLoader.Load(NoHealth);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("components.api", warning.Path);
        Assert.Equal(SpecText.LineOf(NoHealth, "=api:"), warning.Line);
        Assert.Contains("nothing to analyse", warning.Message, StringComparison.Ordinal);
        Assert.Contains("no health.url", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_spec_is_refused_for_an_environment_the_policy_calls_production()
    {
        var result = PipelineSpecLoader.Load(NoHealth, PolicyProduction);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("components.api", error.Path);
        Assert.Equal(SpecText.LineOf(NoHealth, "=api:"), error.Line);
        Assert.Contains("production environment in the protection policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_health_checks_off_points_at_that_line()
    {
        var yaml = SpecText.Valid("analysis:\n  healthChecks: false\n");

        var warning = Assert.Single(PipelineSpecLoader.Load(yaml).Warnings);

        Assert.Equal("analysis.healthChecks", warning.Path);
        Assert.Equal(SpecText.LineOf(yaml, "healthChecks: false"), warning.Line);
    }

    [Fact]
    public void A_metric_from_a_backend_or_a_health_url_is_something_to_analyse()
    {
        var prometheus = NoHealth + "analysis:\n  metrics:\n    - name: errors\n      provider: prometheus\n      query: sum(rate(errors[1m]))\n      max: 1\n";

        var withMetric = PipelineSpecLoader.Load(prometheus, PolicyProduction);
        Assert.True(withMetric.IsValid, string.Join("\n", withMetric.Errors));
        Assert.Empty(withMetric.Warnings);
        Assert.Empty(PipelineSpecLoader.Load(SpecText.Valid(), PolicyProduction).Warnings);
    }

    [Fact]
    public void A_component_only_on_staging_is_not_rolled_out_in_stages()
    {
        var stagingOnly = NoHealth.Replace("      production: [prod-1, prod-2, prod-3, prod-4]\n", string.Empty, StringComparison.Ordinal);

        var result = PipelineSpecLoader.Load(stagingOnly, PolicyProduction);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
    }
}
