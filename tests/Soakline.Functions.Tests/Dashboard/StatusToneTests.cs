using Soakline.Functions.Dashboard;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Dashboard;

public sealed class StatusToneTests
{
    [Theory]
    [InlineData(nameof(TransitionKind.PolicyRefused), "bad")]
    [InlineData(nameof(TransitionKind.SpecInvalid), "bad")]
    [InlineData(nameof(TransitionKind.SpecUnavailable), "bad")]
    [InlineData(nameof(TransitionKind.Approved), "ok")]
    public void A_transition_is_coloured_by_what_it_means(string kind, string tone) =>
        Assert.Equal(tone, StatusTone.ForKind(kind));

    [Theory]
    [InlineData("released", "ok")]
    [InlineData("deployed", "ok")]
    [InlineData("rolled-back", "bad")]
    [InlineData("rollback-incomplete", "bad")]
    [InlineData("deploy-failed", "bad")]
    [InlineData("approval-expired", "bad")]
    [InlineData("ignored", "muted")]
    [InlineData("stage 2: soaking", "info")]
    public void A_final_stage_is_coloured_by_how_the_run_ended(string stage, string tone) =>
        Assert.Equal(tone, StatusTone.ForStage(stage));

    [Fact]
    public void A_spec_warning_waits_for_a_person_to_look() =>
        Assert.Equal("warn", StatusTone.ForKind(nameof(TransitionKind.SpecWarning)));
}
