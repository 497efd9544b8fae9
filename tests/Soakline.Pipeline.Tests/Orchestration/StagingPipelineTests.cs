using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

public sealed class StagingPipelineTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Develop_deploys_to_staging_then_runs_E2E_and_records_it()
    {
        await _h.SeedAsync("staging", "api", TestSpecs.StagingHosts, (PipelineHarness.Release(1), PipelineHarness.Sha(1)));

        var id = await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.Deployed, outcome.Status);
        Assert.Contains("E2E success", outcome.Detail, StringComparison.Ordinal);
        var deploy = Assert.Single(_h.Deploy.Deploys);
        Assert.Equal(["stg-1"], deploy.Hosts);
        Assert.Equal("postgres://app:s3cret@db/app", deploy.Target.Environment["DATABASE_URL"]);
        Assert.Equal(outcome.Release, _h.Deploy.CurrentOn("api", "stg-1"));
        Assert.Equal(outcome.Release, (await _h.Store.GetCurrentReleaseAsync("staging", "api", CancellationToken.None))!.Release);
        Assert.Equal("e2e-staging.yml", Assert.Single(_h.SourceControl.Dispatches).WorkflowFile);
        Assert.Equal([DeploymentState.InProgress, DeploymentState.Success], _h.SourceControl.DeploymentStatuses.Select(d => d.State));
        Assert.Empty(Assert.Single(_h.Notifier.Sent, n => n.Severity == Severity.Info).Channels);
        Assert.Contains(_h.SourceControl.Statuses, s => s.Update.Context == "soakline/e2e" && s.Update.State == CommitStatusState.Success);
        Assert.Equal(
            [TransitionKind.PipelineStarted, TransitionKind.GatePassed, TransitionKind.EnvironmentAcquired, TransitionKind.Deployed, TransitionKind.Released, TransitionKind.E2EPassed, TransitionKind.PipelineCompleted],
            await _h.KindsAsync(id));
    }

    [Fact]
    public async Task Secret_values_reach_the_deploy_target_but_never_durable_history_or_the_audit_trail()
    {
        var outcome = await _h.RunAsync(await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default));
        Assert.Equal(ReleaseStatus.Deployed, outcome.Status);
        Assert.Equal("postgres://app:s3cret@db/app", Assert.Single(_h.Deploy.Deploys).Target.Environment["DATABASE_URL"]);

        var stored = new List<string>();
        await foreach (var instance in _h.Client.GetAllInstancesAsync())
        {
            var state = (await _h.Host.Backend.GetInstanceAsync(instance.InstanceId, CancellationToken.None))!;
            stored.Add($"{state.Input} {state.Output} {state.CustomStatus}");
            stored.AddRange(state.History.Select(e => System.Text.Json.JsonSerializer.Serialize(e, e.GetType())));
        }

        stored.AddRange((await _h.TransitionsAsync()).Select(t => t.ToString()));
        stored.AddRange(_h.Notifier.Sent.Select(n => $"{n.Title} {n.Text}"));
        Assert.True(stored.Count > 20, "history was read");
        Assert.Contains(stored, s => s.Contains("database-url", StringComparison.Ordinal));
        Assert.DoesNotContain(stored, s => s.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staging_health_failure_puts_staging_back_on_its_previous_release()
    {
        var previous = PipelineHarness.Release(1);
        await _h.SeedAsync("staging", "api", TestSpecs.StagingHosts, (previous, PipelineHarness.Sha(1)));
        _h.Health.UnhealthyHosts["stg-1"] = true;

        var outcome = await _h.RunAsync(await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default));

        Assert.Equal(ReleaseStatus.DeployFailed, outcome.Status);
        Assert.Contains("health check of api failed", outcome.Detail, StringComparison.Ordinal);
        var rollback = Assert.Single(_h.Deploy.Rollbacks);
        Assert.Equal(["stg-1"], rollback.Hosts);
        Assert.Equal(previous, rollback.ToRelease);
        Assert.Equal(previous, _h.Deploy.CurrentOn("api", "stg-1"));
        Assert.Equal(previous, (await _h.Store.GetCurrentReleaseAsync("staging", "api", CancellationToken.None))!.Release);
        Assert.Empty(_h.SourceControl.Dispatches);
        Assert.Equal(DeploymentState.Failure, _h.SourceControl.DeploymentStatuses.Last().State);
        Assert.Contains(_h.Notifier.Sent, n => n.Severity == Severity.Warning && n.Title.Contains("failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Red_E2E_leaves_staging_on_the_release_and_is_recorded_and_notified()
    {
        _h.SourceControl.E2EConclusion = WorkflowConclusion.Failure;

        var id = await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.Deployed, outcome.Status);
        Assert.Contains("E2E failure", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_h.Deploy.Rollbacks);
        Assert.Equal(outcome.Release, _h.Deploy.CurrentOn("api", "stg-1"));
        Assert.Contains(TransitionKind.E2EFailed, await _h.KindsAsync(id));
        Assert.Contains(_h.SourceControl.Statuses, s => s.Update.Context == "soakline/e2e" && s.Update.State == CommitStatusState.Failure);
        Assert.Contains(_h.Notifier.Sent, n => n.Title.StartsWith("E2E red", StringComparison.Ordinal) && n.Text.Contains("Production will refuse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_components_whose_paths_changed_since_their_deployed_commit_are_deployed()
    {
        var spec = TestSpecs.Default.Replace("components:\n", "components:\n  web:\n    paths: [\"web/**\"]\n    hosts:\n      staging: [stg-1]\n    releaseRoot: /srv/web\n", StringComparison.Ordinal);
        await _h.SeedAsync("staging", "api", TestSpecs.StagingHosts, (PipelineHarness.Release(1), PipelineHarness.Sha(1)));
        await _h.SeedAsync("staging", "web", TestSpecs.StagingHosts, (PipelineHarness.Release(1), PipelineHarness.Sha(1)));
        _h.SourceControl.ChangedPaths = ["web/index.html", "README.md"];

        var outcome = await _h.RunAsync(await _h.PushAsync("develop", PipelineHarness.Sha(2), spec));

        Assert.Equal(ReleaseStatus.Deployed, outcome.Status);
        Assert.Equal("web", Assert.Single(_h.Deploy.Deploys).Target.Component);
        Assert.Equal(PipelineHarness.Release(1), _h.Deploy.CurrentOn("api", "stg-1"));
        Assert.Equal(outcome.Release, _h.Deploy.CurrentOn("web", "stg-1"));
    }

    [Fact]
    public async Task Unchanged_components_are_not_deployed()
    {
        await _h.SeedAsync("staging", "api", TestSpecs.StagingHosts, (PipelineHarness.Release(1), PipelineHarness.Sha(1)));
        _h.SourceControl.ChangedPaths = ["docs/readme.md"];

        var outcome = await _h.RunAsync(await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default));

        Assert.Equal(ReleaseStatus.NothingToDeploy, outcome.Status);
        Assert.Empty(_h.Deploy.Deploys);
    }
}
