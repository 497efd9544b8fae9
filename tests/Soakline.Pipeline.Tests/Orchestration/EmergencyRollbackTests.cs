using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

public sealed class EmergencyRollbackTests : IAsyncLifetime
{
    private static readonly Pipeline.Domain.ReleaseId Older = PipelineHarness.Release(1, hour: 6);
    private static readonly Pipeline.Domain.ReleaseId Previous = PipelineHarness.Release(2, hour: 7);
    private static readonly Pipeline.Domain.ReleaseId Current = PipelineHarness.Release(3, hour: 8);
    private PipelineHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await PipelineHarness.StartAsync();
        await _h.SeedAsync("production", "api", TestSpecs.ProductionHosts, (Older, PipelineHarness.Sha(1)), (Previous, PipelineHarness.Sha(2)), (Current, PipelineHarness.Sha(3)));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<RollbackOutcome> RollbackAsync(RollbackScope scope, string? component = null, string? target = null)
    {
        var order = new RollbackOrder(PipelineHarness.Repository, "production", scope, "checkout broken", "oncall@example.com", TestSpecs.Default, component, target);
        var id = await _h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RollbackOrchestrator), order, CancellationToken.None);
        return await _h.RunAsync<RollbackOutcome>(id);
    }

    [Fact]
    public async Task Scope_all_returns_every_host_to_the_previous_release_verified_with_an_incident()
    {
        var outcome = await RollbackAsync(RollbackScope.All);

        Assert.Equal(RollbackStatus.RolledBack, outcome.Status);
        var rollback = Assert.Single(_h.Deploy.Rollbacks);
        Assert.Equal(TestSpecs.ProductionHosts, rollback.Hosts);
        Assert.Equal(Previous, rollback.ToRelease);
        Assert.Equal("checkout broken", rollback.Reason);
        Assert.All(TestSpecs.ProductionHosts, host => Assert.Equal(Previous, _h.Deploy.CurrentOn("api", host)));
        Assert.Equal(4, _h.Health.Requests.Count);
        Assert.Equal(Previous, (await _h.Store.GetCurrentReleaseAsync("production", "api", CancellationToken.None))!.Release);
        Assert.NotNull(outcome.Incident);
        Assert.Single(_h.Incidents.Reports);
        var transitions = await _h.TransitionsAsync("production");
        Assert.Contains(transitions, t => t.Kind == TransitionKind.RollbackStarted && t.Actor == "oncall@example.com");
        Assert.Contains(transitions, t => t.Kind == TransitionKind.Restored);

        // The failure counts against the pipeline that delivered the release being undone.
        Assert.Equal($"seed-{Current}", Assert.Single(transitions, t => t.Kind == TransitionKind.ChangeFailed).PipelineId);
        var figures = Pipeline.Dora.DoraCalculator.Compute(transitions, "production", PipelineHarness.Start.AddDays(-2), _h.Clock.GetUtcNow().AddSeconds(1));
        Assert.Equal(1, figures.FailedChanges);
        Assert.NotNull(figures.MedianTimeToRestore);
    }

    [Fact]
    public async Task A_rollback_without_health_check_says_so_instead_of_healthy()
    {
        var noHealth = TestSpecs.Default.Replace("    health:\n      url: http://{host}/health\n", string.Empty, StringComparison.Ordinal);
        var order = new RollbackOrder(PipelineHarness.Repository, "production", RollbackScope.All, "checkout broken", "oncall@example.com", noHealth);
        var id = await _h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RollbackOrchestrator), order, CancellationToken.None);

        var outcome = await _h.RunAsync<RollbackOutcome>(id);

        Assert.Equal(RollbackStatus.RolledBack, outcome.Status);
        Assert.Empty(_h.Health.Requests);
        var component = Assert.Single(outcome.Components);
        Assert.False(component.HealthChecked);
        var restored = Assert.Single(await _h.TransitionsAsync("production"), t => t.Kind == TransitionKind.Restored);
        Assert.Equal($"api on prod-1, prod-2, prod-3, prod-4 back to {Previous}: no health check configured", restored.Detail);
        Assert.DoesNotContain("healthy", restored.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scope_component_goes_to_a_named_release()
    {
        var outcome = await RollbackAsync(RollbackScope.Component, "api", Older.Value);

        Assert.Equal(RollbackStatus.RolledBack, outcome.Status);
        Assert.Equal(Older, Assert.Single(_h.Deploy.Rollbacks).ToRelease);
        Assert.All(TestSpecs.ProductionHosts, host => Assert.Equal(Older, _h.Deploy.CurrentOn("api", host)));
    }

    [Theory]
    [InlineData(RollbackScope.Component, "web", null, "component 'web'")]
    [InlineData(RollbackScope.All, null, "last-tuesday", "targetRelease 'last-tuesday' is not a release id")]
    [InlineData(RollbackScope.All, null, "20250101T000000Z-abcdef0", "is not on prod-1, prod-2, prod-3, prod-4")]
    public async Task Bad_orders_are_refused_and_change_nothing(RollbackScope scope, string? component, string? target, string message)
    {
        var outcome = await RollbackAsync(scope, component, target);

        Assert.Equal(RollbackStatus.Refused, outcome.Status);
        Assert.Contains(message, outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_h.Deploy.Rollbacks);
        Assert.Empty(_h.Incidents.Reports);
        Assert.All(TestSpecs.ProductionHosts, host => Assert.Equal(Current, _h.Deploy.CurrentOn("api", host)));
    }

    [Fact]
    public async Task Scope_canary_aborts_the_running_canary_which_rolls_back_its_own_hosts()
    {
        var sha = PipelineHarness.Sha(4);
        _h.SourceControl.MarkE2E(sha, WorkflowConclusion.Success);
        var pipeline = await _h.PushAsync("main", sha, TestSpecs.Default);
        await _h.IdleAsync();
        await _h.DecideAsync(pipeline, "production", approved: true);
        await _h.IdleAsync();

        var refused = await RollbackAsync(RollbackScope.All);
        Assert.Equal(RollbackStatus.Refused, refused.Status);
        Assert.Contains("use scope 'canary'", refused.Detail, StringComparison.Ordinal);

        var abort = await RollbackAsync(RollbackScope.Canary);
        Assert.Equal(RollbackStatus.AbortRequested, abort.Status);

        var outcome = await _h.RunAsync(pipeline);
        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.Contains("aborted by oncall@example.com: checkout broken", outcome.Detail, StringComparison.Ordinal);
        var rollback = Assert.Single(_h.Deploy.Rollbacks);
        Assert.Equal(["prod-1"], rollback.Hosts);
        Assert.Equal(Current, rollback.ToRelease);
    }

    [Fact]
    public async Task Scope_canary_without_a_running_pipeline_has_nothing_to_do()
    {
        var outcome = await RollbackAsync(RollbackScope.Canary);

        Assert.Equal(RollbackStatus.NothingToRollBack, outcome.Status);
        Assert.Empty(_h.Deploy.Rollbacks);
    }
}
