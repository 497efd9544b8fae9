using Soakline.Infra.Tests.Bicep;

namespace Soakline.Infra.Tests;

/// <summary>
/// "Fails on any warning" only means something if warnings are raised: these build a deliberately flawed
/// template next to a copy of infra/bicepconfig.json, and once without it. They also prove that `bicep build`
/// reports everything `bicep lint` does, which is why the infra/ checks run build alone.
/// </summary>
[Collection(BicepProbeFolderCollection.Name)]
public sealed class LinterConfigurationTests(BicepProbeFolder probes)
{
    [Fact]
    public void The_build_check_fails_a_template_with_warnings_under_the_projects_configuration()
    {
        var build = probes.Build.For(BicepProbeFolder.FlawedWithConfig);

        Assert.False(build.IsClean, "A flawed template passed the build check.");
        var codes = build.Diagnostics.Select(d => d.Code).ToList();
        Assert.Contains("no-unused-params", codes);
        Assert.Contains("no-hardcoded-location", codes);
        Assert.All(build.Diagnostics, d => Assert.Equal("Warning", d.Level));
    }

    [Fact]
    public void Without_the_projects_configuration_the_switched_on_rules_stay_silent()
    {
        var codes = probes.Build.For(BicepProbeFolder.FlawedWithoutConfig).Diagnostics.Select(d => d.Code).ToList();

        Assert.Contains("no-unused-params", codes);
        Assert.DoesNotContain("no-hardcoded-location", codes);
    }

    [Fact]
    public void Build_reports_every_diagnostic_lint_reports_so_a_separate_lint_run_adds_nothing()
    {
        var linted = probes.Lint.Diagnostics.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList();
        var built = probes.Build.Run.Diagnostics.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList();

        // Not vacuous: lint found the configured linter rules and the compile error in the probes.
        Assert.Contains(probes.Lint.Diagnostics, d => d.Code == "no-hardcoded-location");
        Assert.Contains(probes.Lint.Diagnostics, d => d.Level == "Error");
        Assert.Equal(linted, built);
    }
}
