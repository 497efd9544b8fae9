using Microsoft.DurableTask.Client;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

public sealed class GateTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Red_checks_block_the_release()
    {
        _h.SourceControl.CheckStateOnRead = _ => CheckState.Failure;

        var id = await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.GateFailed, outcome.Status);
        Assert.Contains("fast-tests", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_h.Deploy.Deploys);
        Assert.Contains(_h.SourceControl.Statuses, s => s.Update.Context == "soakline/gate" && s.Update.State == CommitStatusState.Failure);
        Assert.Contains(TransitionKind.GateFailed, await _h.KindsAsync(id));
    }

    [Fact]
    public async Task Pending_checks_are_read_again_until_green()
    {
        _h.SourceControl.CheckStateOnRead = read => read < 3 ? CheckState.Pending : CheckState.Success;

        var outcome = await _h.RunAsync(await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default));

        Assert.Equal(ReleaseStatus.Deployed, outcome.Status);
        Assert.Equal(4, _h.SourceControl.CheckReads);
    }

    [Fact]
    public async Task Checks_that_stay_pending_time_the_gate_out()
    {
        _h.SourceControl.CheckStateOnRead = _ => CheckState.Pending;

        var outcome = await _h.RunAsync(await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default));

        Assert.Equal(ReleaseStatus.GateTimedOut, outcome.Status);
        Assert.Contains("fast-tests (pending)", outcome.Detail, StringComparison.Ordinal);
        Assert.InRange(_h.Clock.GetUtcNow() - PipelineHarness.Start, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.Empty(_h.Deploy.Deploys);
    }

    [Fact]
    public async Task The_spec_is_read_from_the_pushed_commit()
    {
        var sha = PipelineHarness.Sha(2);
        _h.SourceControl.Files[(sha, ".soakline.yml")] = TestSpecs.Default;

        var outcome = await _h.RunAsync(await _h.PushAsync("develop", sha, spec: null));

        Assert.Equal(ReleaseStatus.Deployed, outcome.Status);
    }

    [Fact]
    public async Task A_commit_without_a_spec_is_ignored()
    {
        var id = await _h.PushAsync("develop", PipelineHarness.Sha(2), spec: null);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.Ignored, outcome.Status);
        Assert.Contains("no .soakline.yml", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal([TransitionKind.Ignored], await _h.KindsAsync(id));
    }

    [Fact]
    public async Task A_pipeline_that_breaks_ends_crashed_saying_which_step_failed_and_frees_its_environment()
    {
        _h.Deploy.UnreachableHosts.Add("stg-1");
        var broken = await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default);

        var outcome = await _h.RunAsync(broken);

        Assert.Equal(ReleaseStatus.Crashed, outcome.Status);
        const string Sentence = "StagingOrchestrator failed: DeployComponentActivity failed: ssh: connection to stg-1 lost";
        Assert.Equal(Sentence, outcome.Detail);
        Assert.Contains(_h.Notifier.Sent, n => n.Severity == Severity.Critical && n.Text == Sentence);
        Assert.Contains(_h.SourceControl.Statuses, s => s.Update.State == CommitStatusState.Error && s.Update.Description == $"Crashed: {Sentence}");
        Assert.Contains(await _h.TransitionsAsync(), t => t.PipelineId == broken && t.Kind == TransitionKind.PipelineCompleted && t.Detail == $"Crashed: {Sentence}");
        var status = (await _h.Client.GetInstanceAsync(broken, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.Equal(new PipelineOutcome(ReleaseStatus.Crashed, Sentence), status.Outcome);

        _h.Deploy.UnreachableHosts.Clear();
        var next = await _h.RunAsync(await _h.PushAsync("develop", PipelineHarness.Sha(3), TestSpecs.Default));
        Assert.Equal(ReleaseStatus.Deployed, next.Status);
    }

    [Fact]
    public async Task An_invalid_spec_stops_the_pipeline_with_its_errors_on_the_commit()
    {
        var id = await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.With("strategy:\n  soak: forever\n"));
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.SpecInvalid, outcome.Status);
        Assert.Contains("strategy.soak", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains(_h.SourceControl.Statuses, s => s.Update.State == CommitStatusState.Error);
        Assert.Equal(0, _h.SourceControl.CheckReads);
    }
}
