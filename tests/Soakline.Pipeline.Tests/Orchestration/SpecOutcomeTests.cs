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
}
