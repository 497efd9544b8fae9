using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Spec;

/// <summary>
/// A default never causes an error about a field the user did not write: where two fields must relate, the one left
/// out follows the one written. Two written values that conflict are still an error (SpecValidationTests).
/// </summary>
public sealed class DerivedDefaultsTests
{
    private static PipelineSpec Load(string yaml)
    {
        var result = PipelineSpecLoader.Load(yaml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec!;
    }

    private static string WithApproval(string lines) =>
        SpecText.Valid().Replace("  approvers: [ops@example.com]\n", "  approvers: [ops@example.com]\n" + lines, StringComparison.Ordinal);

    [Fact]
    public void A_short_approval_timeout_shortens_the_default_expedited_timeout_to_it()
    {
        var approval = Load(WithApproval("  timeout: 10m\n")).Approval;

        Assert.Equal(TimeSpan.FromMinutes(10), approval.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(10), approval.ExpeditedTimeout);
    }

    [Fact]
    public void A_long_expedited_timeout_lengthens_the_default_timeout_to_it()
    {
        var approval = Load(WithApproval("  expeditedTimeout: 48h\n")).Approval;

        Assert.Equal(TimeSpan.FromHours(48), approval.Timeout);
        Assert.Equal(TimeSpan.FromHours(48), approval.ExpeditedTimeout);
    }

    [Fact]
    public void Approval_defaults_are_unchanged_when_they_fit()
    {
        var approval = Load(WithApproval("  timeout: 4h\n")).Approval;

        Assert.Equal(TimeSpan.FromHours(4), approval.Timeout);
        Assert.Equal(SpecDefaults.ExpeditedApprovalTimeout, approval.ExpeditedTimeout);
    }

    [Fact]
    public void A_short_gate_timeout_shortens_the_default_poll_interval_and_a_long_poll_lengthens_the_timeout()
    {
        var shortTimeout = Load(SpecText.Valid("gates:\n  timeout: 10s\n")).Gates;
        Assert.Equal(TimeSpan.FromSeconds(10), shortTimeout.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), shortTimeout.PollInterval);

        var longPoll = Load(SpecText.Valid("gates:\n  pollInterval: 1h\n")).Gates;
        Assert.Equal(TimeSpan.FromHours(1), longPoll.Timeout);
        Assert.Equal(TimeSpan.FromHours(1), longPoll.PollInterval);
    }

    [Fact]
    public void A_long_expedited_soak_lengthens_the_default_soak()
    {
        var strategy = Load(SpecText.Valid("strategy:\n  expeditedSoak: 45m\n")).Strategy;

        Assert.Equal(TimeSpan.FromMinutes(45), strategy.Soak);
        Assert.Equal(TimeSpan.FromMinutes(45), strategy.ExpeditedSoak);
    }

    [Fact]
    public void A_written_analysis_interval_raises_the_default_soaks_so_a_stage_gets_an_analysis()
    {
        // The default branch rules include an expedited one (hotfix/*), whose default soak is 5 minutes.
        var tenMinutes = Load(SpecText.Valid("analysis:\n  interval: 10m\n"));
        Assert.Equal(TimeSpan.FromMinutes(10), tenMinutes.Analysis.Interval);
        Assert.Equal(SpecDefaults.Soak, tenMinutes.Strategy.Soak);
        Assert.Equal(TimeSpan.FromMinutes(10), tenMinutes.Strategy.ExpeditedSoak);

        var longer = Load(SpecText.Valid("analysis:\n  interval: 45m\n"));
        Assert.Equal(TimeSpan.FromMinutes(45), longer.Strategy.Soak);
        Assert.Equal(TimeSpan.FromMinutes(45), longer.Strategy.ExpeditedSoak);
    }

    [Fact]
    public void A_written_short_soak_lowers_the_default_analysis_interval()
    {
        var spec = Load(SpecText.Valid("strategy:\n  soak: 30s\n"));

        Assert.Equal(TimeSpan.FromSeconds(30), spec.Strategy.Soak);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Strategy.ExpeditedSoak);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Analysis.Interval);
    }

    [Fact]
    public void A_written_short_expedited_soak_lowers_the_default_analysis_interval_only_when_a_branch_is_expedited()
    {
        var expedited = Load(SpecText.Valid("strategy:\n  expeditedSoak: 20s\n"));
        Assert.Equal(TimeSpan.FromSeconds(20), expedited.Analysis.Interval);

        var noExpeditedBranch = Load(SpecText.Valid("strategy:\n  expeditedSoak: 20s\nbranches:\n  - pattern: main\n    mode: approval\n    environment: production\n"));
        Assert.Equal(SpecDefaults.AnalysisInterval, noExpeditedBranch.Analysis.Interval);
    }
}
