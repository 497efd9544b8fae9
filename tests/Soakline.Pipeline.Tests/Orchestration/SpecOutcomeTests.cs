using Microsoft.DurableTask.Client;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>Every way a pipeline can end before it deploys says why: on the timeline, the commit, a notification and its status.</summary>
public sealed class SpecOutcomeTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_yaml_syntax_error_ends_like_any_invalid_spec_with_its_line()
    {
        var yaml = TestSpecs.Default.Replace("paths: [\"api/**\"]", "paths: [\"api/**\"", StringComparison.Ordinal);
        var sha = PipelineHarness.Sha(2);
        _h.SourceControl.Files[(sha, PipelineSpecLoader.FileName)] = yaml;

        var id = await _h.PushAsync("develop", sha, spec: null);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.SpecInvalid, outcome.Status);
        Assert.Contains("(yaml)", outcome.Detail, StringComparison.Ordinal);
        Assert.Matches(@"line \d+", outcome.Detail);
        Assert.Contains(TransitionKind.SpecInvalid, await _h.KindsAsync(id));
        Assert.Contains(_h.SourceControl.Statuses, s => s.Update.State == CommitStatusState.Error && s.Update.Description.Contains("invalid", StringComparison.Ordinal));
        Assert.Contains(_h.Notifier.Sent, n => n.Text.Contains("(yaml)", StringComparison.Ordinal));
        var status = (await _h.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.StartsWith("SpecInvalid: ", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_source_control_cannot_find_ends_at_once_with_the_reason_everywhere()
    {
        const string NotFound = "GitHub found nothing to read .soakline.yml on acme/shop (404 Not Found)";
        _h.SourceControl.FileReadFailure = _ => new SourceControlException(NotFound) { IsPermanent = true };
        _h.SourceControl.StatusFailure = new SourceControlException(NotFound) { IsPermanent = true };

        var id = await _h.PushAsync("develop", PipelineHarness.Sha(2), spec: null);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.SpecUnavailable, outcome.Status);
        Assert.Contains(NotFound, outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _h.SourceControl.FileReads);
        var transition = Assert.Single(await _h.TransitionsAsync(), t => t.PipelineId == id);
        Assert.Equal(TransitionKind.SpecUnavailable, transition.Kind);
        Assert.Contains(NotFound, transition.Detail, StringComparison.Ordinal);
        Assert.Contains(_h.Notifier.Sent, n => n.Text.Contains(NotFound, StringComparison.Ordinal));
        var status = (await _h.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.Equal($"SpecUnavailable: {outcome.Detail}", status.Detail);
    }

    [Fact]
    public async Task A_transient_read_failure_is_retried_and_a_lasting_one_ends_with_its_message_on_the_commit()
    {
        _h.SourceControl.FileReadFailure = _ => new SourceControlException("GitHub failed to read .soakline.yml (502 BadGateway)");

        var id = await _h.PushAsync("develop", PipelineHarness.Sha(2), spec: null);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.SpecUnavailable, outcome.Status);
        Assert.Contains("502 BadGateway", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(3, _h.SourceControl.FileReads);
        Assert.Contains(_h.SourceControl.Statuses, s => s.Update.State == CommitStatusState.Error && s.Update.Description.Contains("502", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_read_that_recovers_within_its_retries_deploys()
    {
        var sha = PipelineHarness.Sha(2);
        _h.SourceControl.Files[(sha, PipelineSpecLoader.FileName)] = TestSpecs.Default;
        _h.SourceControl.FileReadFailure = read => read == 0 ? new SourceControlException("GitHub failed (502 BadGateway)") : null;

        var outcome = await _h.RunAsync(await _h.PushAsync("develop", sha, spec: null));

        Assert.Equal(ReleaseStatus.Deployed, outcome.Status);
        Assert.Equal(2, _h.SourceControl.FileReads);
    }
}
