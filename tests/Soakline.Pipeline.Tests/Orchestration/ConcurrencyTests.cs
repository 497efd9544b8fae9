using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

public sealed class ConcurrencyTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Two_pushes_to_staging_run_one_after_the_other()
    {
        var first = await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default);
        var second = await _h.PushAsync("develop", PipelineHarness.Sha(3), TestSpecs.Default);

        var outcomes = new[] { await _h.RunAsync(second), await _h.RunAsync(first) };

        Assert.All(outcomes, o => Assert.Equal(ReleaseStatus.Deployed, o.Status));
        var transitions = (await _h.TransitionsAsync("staging")).ToList();
        var queued = Assert.Single(transitions, t => t.Kind == TransitionKind.Queued);
        var holder = queued.PipelineId == first ? second : first;
        var holderDone = transitions.FindIndex(t => t.PipelineId == holder && t.Kind == TransitionKind.PipelineCompleted);
        var waiterStarts = transitions.FindIndex(t => t.PipelineId == queued.PipelineId && t.Kind == TransitionKind.EnvironmentAcquired);
        Assert.True(waiterStarts > holderDone, "the queued pipeline started only after the first had completed");
        Assert.Equal(2, _h.Deploy.Deploys.Count);
    }

    [Fact]
    public async Task A_second_production_pipeline_is_refused_while_one_runs()
    {
        foreach (var n in new[] { 2, 3 })
        {
            _h.SourceControl.MarkE2E(PipelineHarness.Sha(n), WorkflowConclusion.Success);
        }

        var first = await _h.PushAsync("main", PipelineHarness.Sha(2), TestSpecs.Default);
        await _h.IdleAsync();
        var second = await _h.PushAsync("main", PipelineHarness.Sha(3), TestSpecs.Default);

        var outcome = await _h.RunAsync(second);

        Assert.Equal(ReleaseStatus.Refused, outcome.Status);
        Assert.Contains(TransitionKind.Refused, await _h.KindsAsync(second));
        Assert.Single(_h.Approvals.Requests);
        Assert.Contains(_h.Notifier.Sent, n => n.Title.StartsWith("Release refused", StringComparison.Ordinal));
        await _h.DecideAsync(first, "production", approved: false);
        Assert.Equal(ReleaseStatus.Rejected, (await _h.RunAsync(first)).Status);
    }

    [Fact]
    public async Task A_terminated_pipeline_does_not_hold_its_environment_for_good()
    {
        foreach (var n in new[] { 2, 3, 4 })
        {
            _h.SourceControl.MarkE2E(PipelineHarness.Sha(n), WorkflowConclusion.Success);
        }

        var stopped = await _h.PushAsync("main", PipelineHarness.Sha(2), TestSpecs.Default);
        await _h.IdleAsync();
        Assert.Single(_h.Approvals.Requests);

        // An operator stops the pipeline while it waits for approval: only the Release instance at first...
        await _h.Client.TerminateInstanceAsync(stopped, "stopped by operator");
        await _h.IdleAsync();
        var whileChildRuns = await _h.PushAsync("main", PipelineHarness.Sha(3), TestSpecs.Default);
        Assert.Equal(ReleaseStatus.Refused, (await _h.RunAsync(whileChildRuns)).Status);

        // ...then its production run too. Now nothing can release the lease but a takeover.
        await _h.Client.TerminateInstanceAsync(Soakline.Pipeline.Domain.PipelineInstanceIds.ForEnvironmentRun(stopped, "production"), "stopped by operator");
        await _h.IdleAsync();
        var next = await _h.PushAsync("main", PipelineHarness.Sha(4), TestSpecs.Default);
        await _h.IdleAsync();

        Assert.Contains(TransitionKind.EnvironmentAcquired, await _h.KindsAsync(next));
        Assert.Equal(2, _h.Approvals.Requests.Count);
    }
}
