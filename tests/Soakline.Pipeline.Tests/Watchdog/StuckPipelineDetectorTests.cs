using Microsoft.Extensions.Time.Testing;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Watchdog;

namespace Soakline.Pipeline.Tests.Watchdog;

public sealed class StuckPipelineDetectorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly WatchdogLimits Limits = new(Grace: TimeSpan.FromMinutes(2), StepLimit: TimeSpan.FromMinutes(20), PendingLimit: TimeSpan.FromMinutes(5));
    private const string PipelineId = "push:acme:shop:abc";
    private const string ProductionRun = PipelineId + ":production";

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly StuckPipelineDetector _detector;

    public StuckPipelineDetectorTests() => _detector = new StuckPipelineDetector(Limits, _clock);

    private static WatchedInstance Pipeline(WatchedState state = WatchedState.Running, DateTimeOffset? updated = null, PipelineStatus? status = null) =>
        new(PipelineId, state, Start, updated ?? Start, status ?? new PipelineStatus("production", Detail: "see " + ProductionRun));

    private static WatchedInstance Run(WatchedState state, DateTimeOffset updated, PipelineStatus? status) =>
        new(ProductionRun, state, Start.AddSeconds(5), updated, status);

    private static PipelineStatus Soaking(DateTimeOffset nextAnalysis) =>
        new("stage 2: soaking", "production", TrafficPercent: 25, SoakRemaining: TimeSpan.FromHours(6), NextStepDue: nextAnalysis);

    private static StuckVerdict Stuck(StuckVerdict? verdict, string instanceId, DateTimeOffset since)
    {
        Assert.NotNull(verdict);
        Assert.Equal(instanceId, verdict.InstanceId);
        Assert.Equal(since, verdict.Since);
        return verdict;
    }

    [Fact]
    public void A_long_soak_waiting_on_its_timer_is_not_stuck_however_long_ago_it_last_moved()
    {
        // A 12-hour soak analysed every 3 hours: the last update was 2h50 ago, well past the step limit.
        var updated = Start;
        var run = Run(WatchedState.Running, updated, Soaking(updated.AddHours(3)));
        _clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(50));

        Assert.Null(_detector.Check(Pipeline(), [run]));

        _clock.Advance(TimeSpan.FromMinutes(10) + Limits.Grace);
        Assert.Null(_detector.Check(Pipeline(), [run]));
    }

    [Fact]
    public void A_soak_whose_next_analysis_is_overdue_beyond_the_grace_is_stuck_since_it_was_due()
    {
        var due = Start.AddMinutes(1);
        var run = Run(WatchedState.Running, Start, Soaking(due));
        _clock.Advance(TimeSpan.FromMinutes(1) + Limits.Grace + TimeSpan.FromSeconds(1));

        var verdict = Stuck(_detector.Check(Pipeline(), [run]), ProductionRun, due);

        Assert.Equal(Start, verdict.ProgressAt);
        Assert.Equal($"{ProductionRun} (stage 2: soaking): the soak's next analysis (or its end) was due at 2026-11-23 09:01:00 UTC and has not happened.", verdict.Reason);
    }

    [Fact]
    public void A_run_updated_after_its_due_time_moved_past_that_wait()
    {
        // The timer fired and the run is in its analysis (a sub-orchestration) since: judged by the step limit.
        var run = Run(WatchedState.Running, Start.AddMinutes(1).AddSeconds(2), Soaking(Start.AddMinutes(1)));
        _clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Null(_detector.Check(Pipeline(), [run]));
    }

    [Fact]
    public void A_pipeline_awaiting_approval_before_its_deadline_is_not_stuck()
    {
        var deadline = Start.AddHours(24);
        var run = Run(WatchedState.Running, Start, new PipelineStatus("awaiting-approval", "production", NextStepDue: deadline));
        _clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));

        Assert.Null(_detector.Check(Pipeline(), [run]));
    }

    [Fact]
    public void An_approval_whose_deadline_passed_without_the_expiry_happening_is_stuck()
    {
        var deadline = Start.AddHours(24);
        var run = Run(WatchedState.Running, Start, new PipelineStatus("awaiting-approval", "production", NextStepDue: deadline));
        _clock.Advance(TimeSpan.FromHours(24) + Limits.Grace + TimeSpan.FromSeconds(1));

        var verdict = _detector.Check(Pipeline(), [run]);

        Assert.NotNull(verdict);
        Assert.Equal(deadline, verdict.Since);
        Assert.Contains("the approval deadline was due at 2026-11-24 09:00:00 UTC", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_activity_that_never_completes_is_stuck_after_the_step_limit()
    {
        var updated = Start.AddMinutes(3);
        var run = Run(WatchedState.Running, updated, new PipelineStatus("stage 1: deploying", "production", Detail: "api on web-1"));
        _clock.Advance(TimeSpan.FromMinutes(3) + Limits.StepLimit);
        Assert.Null(_detector.Check(Pipeline(), [run]));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var verdict = _detector.Check(Pipeline(), [run]);

        Assert.NotNull(verdict);
        Assert.Equal(updated, verdict.Since);
        Assert.Equal($"{ProductionRun} (stage 1: deploying): no step has completed since 2026-11-23 09:03:00 UTC (an activity or sub-orchestration still running after the 00:20:00 limit).", verdict.Reason);
    }

    [Fact]
    public void A_pipeline_pending_past_the_limit_is_stuck_since_it_was_created()
    {
        var pending = Pipeline(WatchedState.Pending, status: null) with { Status = null };
        _clock.Advance(Limits.PendingLimit);
        Assert.Null(_detector.Check(pending, []));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var verdict = _detector.Check(pending, []);

        Assert.NotNull(verdict);
        Assert.Equal(PipelineId, verdict.InstanceId);
        Assert.Equal(Start, verdict.Since);
        Assert.Equal("The pipeline has been Pending since 2026-11-23 09:00:00 UTC: no worker started it within 00:05:00.", verdict.Reason);
    }

    [Fact]
    public void An_environment_run_pending_past_the_limit_is_named()
    {
        var run = Run(WatchedState.Pending, Start.AddSeconds(5), null);
        _clock.Advance(Limits.PendingLimit + TimeSpan.FromSeconds(6));

        var verdict = _detector.Check(Pipeline(), [run]);

        Assert.NotNull(verdict);
        Assert.Equal(ProductionRun, verdict.InstanceId);
        Assert.StartsWith($"The environment run {ProductionRun} has been Pending since", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_that_did_not_handle_its_finished_environment_run_is_stuck_from_when_the_run_ended()
    {
        var ended = Start.AddHours(2);
        var run = Run(WatchedState.Ended, ended, new PipelineStatus("released", "production"));
        _clock.Advance(TimeSpan.FromHours(2) + Limits.StepLimit + TimeSpan.FromSeconds(1));

        var verdict = Stuck(_detector.Check(Pipeline(), [run]), PipelineId, ended);

        Assert.Equal(ended, verdict.ProgressAt);
    }

    [Theory]
    [InlineData(WatchedState.Ended)]
    [InlineData(WatchedState.Suspended)]
    public void Ended_or_suspended_pipelines_are_never_stuck(WatchedState state)
    {
        _clock.Advance(TimeSpan.FromDays(3));

        Assert.Null(_detector.Check(Pipeline(state), []));
        Assert.Null(_detector.Check(Pipeline(), [Run(WatchedState.Suspended, Start, Soaking(Start.AddMinutes(1)))]));
    }
}
