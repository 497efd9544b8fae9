using Microsoft.DurableTask;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

public sealed class ProductionPipelineTests : IAsyncLifetime
{
    private static readonly string NewSha = PipelineHarness.NewSha;
    private static readonly Pipeline.Domain.ReleaseId Stable = PipelineHarness.Stable;
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Approved_release_runs_the_four_stage_canary_with_30_minute_soaks_and_is_released()
    {
        var (id, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
        Assert.Equal([5, 25, 50, 100], _h.Router.Shifts.Select(s => s.Percent));
        Assert.Equal([["prod-1"], ["prod-2"], ["prod-3", "prod-4"]], _h.Deploy.Deploys.Select(d => d.Hosts.ToArray()));
        Assert.All(TestSpecs.ProductionHosts, host => Assert.Equal(outcome.Release, _h.Deploy.CurrentOn("api", host)));
        Assert.True(_h.Clock.GetUtcNow() - PipelineHarness.Start >= TimeSpan.FromHours(2), "four 30-minute soaks ran on fake time");
        Assert.Empty(_h.Deploy.Rollbacks);
        Assert.Equal([DeploymentState.InProgress, DeploymentState.Success], _h.SourceControl.DeploymentStatuses.Select(d => d.State));
        var kinds = await _h.KindsAsync(id);
        Assert.Equal(4, kinds.Count(k => k == TransitionKind.StagePromoted));
        Assert.Contains(TransitionKind.Approved, kinds);
        Assert.Contains(TransitionKind.Released, kinds);
        var approval = Assert.Single(_h.Approvals.Requests);
        Assert.False(approval.Expedited);
        Assert.Equal(PipelineHarness.Start.AddHours(24), approval.ExpiresAt);
        var approved = (await _h.TransitionsAsync("production")).Single(t => t.Kind == TransitionKind.Approved);
        Assert.Equal("lead@example.com", approved.Actor);
    }

    [Fact]
    public async Task Custom_status_shows_stage_traffic_soak_remaining_and_last_analysis()
    {
        var id = await _h.PushAsync("main", NewSha, TestSpecs.Default);
        await _h.IdleAsync();
        await _h.DecideAsync(id, "production", approved: true);
        await _h.IdleAsync();
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.IdleAsync();
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.IdleAsync();

        var child = await _h.Client.GetInstanceAsync(Pipeline.Domain.PipelineInstanceIds.ForEnvironmentRun(id, "production"), getInputsAndOutputs: true);
        var status = child!.ReadCustomStatusAs<PipelineStatus>()!;

        Assert.Equal("stage 1: soaking", status.Stage);
        Assert.Equal(5, status.TrafficPercent);
        Assert.Equal(TimeSpan.FromMinutes(28), status.SoakRemaining);
        Assert.True(status.LastAnalysisHealthy);
        Assert.Contains("healthy", status.LastAnalysis, StringComparison.Ordinal);
        // Each check with its numbers, for the dashboard's metric-against-threshold charts.
        Assert.NotNull(status.LastChecks);
        Assert.NotEmpty(status.LastChecks);
        Assert.All(status.LastChecks, c => Assert.True(c.Passed, c.Name));
        Assert.Contains(status.LastChecks, c => c.Value is not null && c.Limit is not null);
    }

    [Fact]
    public async Task Rejected_release_is_not_deployed_and_who_rejected_is_recorded()
    {
        var id = await _h.PushAsync("main", NewSha, TestSpecs.Default);
        await _h.IdleAsync();
        await _h.DecideAsync(id, "production", approved: false, by: "LEAD@example.com");

        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.Rejected, outcome.Status);
        Assert.Contains("LEAD@example.com", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_h.Deploy.Deploys);
        Assert.Equal("LEAD@example.com", (await _h.TransitionsAsync("production")).Single(t => t.Kind == TransitionKind.Rejected).Actor);
    }

    [Fact]
    public async Task Approval_expires_after_the_timeout_without_deploying()
    {
        var id = await _h.PushAsync("main", NewSha, TestSpecs.Default);

        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.ApprovalExpired, outcome.Status);
        Assert.Equal(PipelineHarness.Start.AddHours(24), _h.Clock.GetUtcNow());
        Assert.Empty(_h.Deploy.Deploys);
        Assert.Contains(TransitionKind.ApprovalExpired, await _h.KindsAsync(id));
    }

    [Fact]
    public async Task A_decision_from_someone_who_is_not_an_approver_is_ignored()
    {
        var id = await _h.PushAsync("main", NewSha, TestSpecs.Default);
        await _h.IdleAsync();
        await _h.DecideAsync(id, "production", approved: true, by: "mallory@example.com");
        await _h.IdleAsync();
        await _h.DecideAsync(id, "production", approved: false);

        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.Rejected, outcome.Status);
        Assert.Contains(TransitionKind.ApprovalIgnored, await _h.KindsAsync(id));
    }

    [Fact]
    public async Task Production_refuses_a_commit_whose_E2E_is_not_green_unless_overridden()
    {
        _h.SourceControl.MarkE2E(NewSha, WorkflowConclusion.Failure);

        var refused = await _h.RunAsync(await _h.PushAsync("main", NewSha, TestSpecs.Default));

        Assert.Equal(ReleaseStatus.E2ERequirementNotMet, refused.Status);
        Assert.Contains("concluded failure", refused.Detail, StringComparison.Ordinal);
        Assert.Empty(_h.Approvals.Requests);

        var overriddenSha = PipelineHarness.Sha(3);
        _h.SourceControl.MarkE2E(overriddenSha, WorkflowConclusion.Failure);
        var push = new PushEvent(PipelineHarness.Repository, "main", overriddenSha, PipelineHarness.Start, "lead@example.com", "override", TestSpecs.Default, OverrideE2E: true);
        var id = Pipeline.Domain.PipelineInstanceIds.ForPush(push.Commit);
        await _h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReleaseOrchestrator), push, new StartOrchestrationOptions(id));
        await _h.IdleAsync();
        Assert.Single(_h.Approvals.Requests);
        Assert.Contains((await _h.TransitionsAsync("production")), t => t.Kind == TransitionKind.E2ERequirementWaived && t.Detail.Contains("overridden by lead@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hotfix_is_expedited_with_the_short_approval_window_and_soak_and_no_E2E_requirement()
    {
        const string hotfixSha = "fedcba9876543210fedcba9876543210fedcba98";
        var id = await _h.PushAsync("hotfix/login", hotfixSha, TestSpecs.Default);
        await _h.IdleAsync();
        var request = Assert.Single(_h.Approvals.Requests);
        Assert.True(request.Expedited);
        Assert.Equal(PipelineHarness.Start.AddHours(1), request.ExpiresAt);

        await _h.DecideAsync(id, "production", approved: true);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
        Assert.True(_h.Clock.GetUtcNow() - PipelineHarness.Start <= TimeSpan.FromMinutes(25), "four 5-minute expedited soaks");
        Assert.Contains((await _h.TransitionsAsync("production")), t => t.Detail.Contains("waived for an expedited release", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feature_and_experimental_branches_are_ignored()
    {
        foreach (var branch in new[] { "feature/toc", "ci-experimental/new-workflow", "renovate/deps" })
        {
            var id = await _h.PushAsync(branch, NewSha, TestSpecs.Default);
            var outcome = await _h.RunAsync(id);

            Assert.Equal(ReleaseStatus.Ignored, outcome.Status);
            Assert.Equal([TransitionKind.Ignored], await _h.KindsAsync(id));
        }

        Assert.Equal(0, _h.SourceControl.CheckReads);
        Assert.Empty(_h.Deploy.Deploys);
    }

    [Fact]
    public async Task Redelivered_push_finds_the_running_pipeline_instead_of_starting_a_second()
    {
        await _h.PushAsync("main", NewSha, TestSpecs.Default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _h.PushAsync("main", NewSha, TestSpecs.Default));
    }
}
