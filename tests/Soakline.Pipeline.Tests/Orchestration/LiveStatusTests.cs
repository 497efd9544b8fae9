using Soakline.Pipeline.Delivery;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// The custom status is the truth the API, dashboard, CLI and demo show: the share the router applied while a stage
/// soaks, and where a finished run ended (stage, traffic, the release serving now), never the step it was in last.
/// </summary>
public sealed class LiveStatusTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static string ProductionRun(string id) => PipelineInstanceIds.ForEnvironmentRun(id, "production");

    private async Task<PipelineStatus> StatusAsync(string instanceId) =>
        (await _h.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!;

    private async Task MinutesAsync(int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            _h.Clock.Advance(TimeSpan.FromMinutes(1));
            await _h.IdleAsync();
        }
    }

    [Fact]
    public async Task A_soaking_stage_shows_the_share_the_router_applied_also_after_continuing_as_new()
    {
        // A host-subset router: 5 % of 4 hosts is one host, 25 %.
        _h.Router.Effective = shift => RolloutPlanner.HostsFor(shift.Percent, shift.Hosts.Count) * 100.0 / shift.Hosts.Count;
        var id = await _h.PushAsync("main", PipelineHarness.NewSha, TestSpecs.Default);
        await _h.IdleAsync();
        await _h.DecideAsync(id, "production", approved: true);
        await _h.IdleAsync();
        await MinutesAsync(2);

        var soaking = await StatusAsync(ProductionRun(id));
        Assert.Equal("stage 1: soaking", soaking.Stage);
        Assert.Equal(25, soaking.TrafficPercent);
        Assert.Equal(5, soaking.RequestedPercent);
        Assert.Contains((await _h.TransitionsAsync("production")), t => t.Kind == TransitionKind.StageStarted && t.Detail == "stage 1: 5% requested, 25% effective");

        // After 10 analyses the run continues as new and resumes the soak without shifting again.
        await MinutesAsync(11);
        var resumed = await StatusAsync(ProductionRun(id));
        Assert.Single(_h.Router.Shifts);
        Assert.Equal("stage 1: soaking", resumed.Stage);
        Assert.Equal(25, resumed.TrafficPercent);
        Assert.Equal(5, resumed.RequestedPercent);
        Assert.True(resumed.SoakRemaining < TimeSpan.FromMinutes(20), $"the soak went on: {resumed.SoakRemaining}");
    }

    [Fact]
    public async Task A_released_pipeline_ends_released_at_100_percent_serving_the_release_with_no_soak_left()
    {
        var (id, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
        foreach (var instance in new[] { id, ProductionRun(id) })
        {
            var status = await StatusAsync(instance);
            Assert.Equal("released", status.Stage);
            Assert.Equal(100, status.TrafficPercent);
            Assert.Null(status.RequestedPercent);
            Assert.Null(status.SoakRemaining);
            Assert.Equal(outcome.Release!.Value, status.Serving);
            Assert.Equal("production", status.Environment);
            Assert.StartsWith("Released: ", status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_rolled_back_pipeline_ends_rolled_back_at_0_percent_serving_the_stable_release()
    {
        _h.Metrics.Canary = query => query == "error-rate" ? 9.0 : 0.2;

        var (id, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Equal(PipelineHarness.Stable, outcome.Serving);
        foreach (var instance in new[] { id, ProductionRun(id) })
        {
            var status = await StatusAsync(instance);
            Assert.Equal("rolled-back", status.Stage);
            Assert.Equal(0, status.TrafficPercent);
            Assert.Null(status.RequestedPercent);
            Assert.Null(status.SoakRemaining);
            Assert.Equal(PipelineHarness.Stable.Value, status.Serving);
            Assert.StartsWith("RolledBack: ", status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_rollback_that_did_not_restore_every_host_ends_rollback_incomplete_serving_nothing_known()
    {
        // prod-1 fails its health check after the stage deploy and still after the rollback.
        _h.Health.UnhealthyHosts["prod-1"] = true;

        var (id, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Equal("rollback-incomplete", outcome.FinalStage);
        Assert.Null(outcome.Serving);
        Assert.Contains(TransitionKind.RollbackFailed, await _h.KindsAsync(id));
        foreach (var instance in new[] { id, ProductionRun(id) })
        {
            var status = await StatusAsync(instance);
            Assert.Equal("rollback-incomplete", status.Stage);
            Assert.Null(status.Serving);
            Assert.Null(status.SoakRemaining);
        }
    }

    [Fact]
    public async Task A_staging_run_ends_deployed_not_deploying()
    {
        var id = await _h.PushAsync("develop", PipelineHarness.Sha(5), TestSpecs.Default);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.Deployed, outcome.Status);
        foreach (var instance in new[] { id, PipelineInstanceIds.ForEnvironmentRun(id, "staging") })
        {
            var status = await StatusAsync(instance);
            Assert.Equal("deployed", status.Stage);
            Assert.Equal(100, status.TrafficPercent);
            Assert.Equal(outcome.Release!.Value, status.Serving);
            Assert.Null(status.SoakRemaining);
        }
    }

    [Fact]
    public async Task A_rejected_release_ends_rejected_with_no_traffic_and_a_pipeline_that_reached_no_environment_names_none()
    {
        var id = await _h.PushAsync("main", PipelineHarness.NewSha, TestSpecs.Default);
        await _h.IdleAsync();
        await _h.DecideAsync(id, "production", approved: false);
        await _h.RunAsync(id);

        var rejected = await StatusAsync(ProductionRun(id));
        Assert.Equal("rejected", rejected.Stage);
        Assert.Equal(0, rejected.TrafficPercent);
        Assert.Null(rejected.Serving);

        var ignored = await _h.PushAsync("feature/x", PipelineHarness.Sha(7), TestSpecs.Default);
        Assert.Equal(ReleaseStatus.Ignored, (await _h.RunAsync(ignored)).Status);
        var status = await StatusAsync(ignored);
        Assert.Equal("ignored", status.Stage);
        Assert.Null(status.Environment);
    }

    [Fact]
    public async Task The_approval_request_lists_the_changed_paths_and_when_staging_got_this_commit()
    {
        _h.SourceControl.ChangedPaths = ["api/orders.cs", "api/app.cs", "docs/notes.md"];
        var staged = PipelineHarness.Release(9, hour: 23);
        await _h.SeedAsync("staging", "api", TestSpecs.StagingHosts, (staged, PipelineHarness.NewSha));

        var id = await _h.PushAsync("main", PipelineHarness.NewSha, TestSpecs.Default);
        await _h.IdleAsync();

        var summary = Assert.Single(_h.Approvals.Requests).Summary;
        Assert.Equal(["api/app.cs", "api/orders.cs", "docs/notes.md"], summary.ChangedPaths);
        Assert.Null(summary.FirstReleases);
        Assert.Equal($"staging: api {staged} deployed {PipelineHarness.Start.AddDays(-1):yyyy-MM-dd HH:mm:ss} UTC, still running", summary.StagingResult);
        await _h.DecideAsync(id, "production", approved: false);
        await _h.RunAsync(id);
    }

    [Fact]
    public async Task The_approval_request_says_when_staging_does_not_run_the_commit()
    {
        await _h.SeedAsync("staging", "api", TestSpecs.StagingHosts, (PipelineHarness.Release(8), PipelineHarness.Sha(8)));

        var id = await _h.PushAsync("main", PipelineHarness.NewSha, TestSpecs.Default);
        await _h.IdleAsync();

        var summary = Assert.Single(_h.Approvals.Requests).Summary;
        Assert.Equal($"staging: api not deployed from this commit (runs {PipelineHarness.Release(8)})", summary.StagingResult);
        await _h.DecideAsync(id, "production", approved: false);
        await _h.RunAsync(id);
    }

    [Fact]
    public async Task A_first_release_says_there_is_nothing_to_compare_its_paths_with()
    {
        await using var fresh = await PipelineHarness.StartAsync();
        fresh.SourceControl.MarkE2E(PipelineHarness.NewSha, WorkflowConclusion.Success);

        var id = await fresh.PushAsync("main", PipelineHarness.NewSha, TestSpecs.Default);
        await fresh.IdleAsync();

        var summary = Assert.Single(fresh.Approvals.Requests).Summary;
        Assert.Equal(["api"], summary.FirstReleases);
        Assert.Empty(summary.ChangedPaths);
        Assert.Equal("staging: api not deployed from this commit", summary.StagingResult);
        await fresh.DecideAsync(id, "production", approved: false);
        await fresh.RunAsync(id);
    }
}
