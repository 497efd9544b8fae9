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
    [InlineData("crashed", "bad")]
    [InlineData("approval-expired", "bad")]
    [InlineData("ignored", "muted")]
    [InlineData("stage 2: soaking", "info")]
    public void A_final_stage_is_coloured_by_how_the_run_ended(string stage, string tone) =>
        Assert.Equal(tone, StatusTone.ForStage(stage));

    [Fact]
    public void A_spec_warning_waits_for_a_person_to_look() =>
        Assert.Equal("warn", StatusTone.ForKind(nameof(TransitionKind.SpecWarning)));

    [Theory]
    [InlineData("Released: 20261207T0101-abc1234 on every host", "ok")]
    [InlineData("RolledBack: p99 latency 912 ms above 500 ms", "bad")]
    [InlineData("Crashed: StagingOrchestrator failed: DeployComponentActivity failed", "bad")]
    [InlineData("Ignored: no environment for branch feature/x", "muted")]
    [InlineData("a sentence without an outcome", "ok")]
    public void A_finished_pipeline_entry_is_coloured_by_its_outcome_not_by_having_finished(string detail, string tone) =>
        Assert.Equal(tone, StatusTone.ForEntry(nameof(TransitionKind.PipelineCompleted), detail));

    [Fact]
    public void Other_entries_keep_the_colour_of_their_kind() =>
        Assert.Equal("bad", StatusTone.ForEntry(nameof(TransitionKind.Breached), "Released: not an outcome of this kind"));
}
