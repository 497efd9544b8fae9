using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>A pipeline whose step fails past its retries ends Crashed with a sentence naming the step, never a secret.</summary>
public sealed class CrashOutcomeTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_step_of_the_release_orchestrator_failing_ends_crashed_with_the_step_and_its_error_masked()
    {
        _h.Policy.Failure = new InvalidOperationException("settings store https://reader:hunter22@vault.example/policy?sig=abc123 unreachable\n   at Some.Stack.Frame()");

        var id = await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.Crashed, outcome.Status);
        Assert.Equal("GetProtectionPolicyActivity failed: settings store https://***@vault.example/policy?*** unreachable", outcome.Detail);
        Assert.Equal(3, _h.Policy.Reads);
        Assert.Contains(await _h.TransitionsAsync(), t => t.PipelineId == id && t.Kind == TransitionKind.PipelineCompleted && t.Detail == $"Crashed: {outcome.Detail}");
        Assert.Contains(_h.SourceControl.Statuses, s => s.Update.State == CommitStatusState.Error && s.Update.Description.StartsWith("Crashed: GetProtectionPolicyActivity failed", StringComparison.Ordinal));
        Assert.DoesNotContain(_h.SourceControl.Statuses, s => s.Update.Description.Contains("hunter22", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_crash_the_environment_is_free_for_the_next_push()
    {
        _h.Deploy.UnreachableHosts.Add("stg-1");
        var crashed = await _h.RunAsync(await _h.PushAsync("develop", PipelineHarness.Sha(2), TestSpecs.Default));
        _h.Deploy.UnreachableHosts.Clear();

        var next = await _h.RunAsync(await _h.PushAsync("develop", PipelineHarness.Sha(3), TestSpecs.Default));

        Assert.Equal(ReleaseStatus.Crashed, crashed.Status);
        Assert.Equal(ReleaseStatus.Deployed, next.Status);
    }

    [Theory]
    [InlineData("Task 'DeployComponentActivity' (#4) failed with an unhandled exception: ssh: lost", "StagingOrchestrator failed: DeployComponentActivity failed: ssh: lost")]
    [InlineData("Task 'PrepareArtifactActivity' (#2) failed with an unhandled exception.", "StagingOrchestrator failed: PrepareArtifactActivity failed")]
    [InlineData("", "StagingOrchestrator failed: no error message")]
    [InlineData("bad\nstack trace line", "StagingOrchestrator failed: bad")]
    [InlineData("token in https://api.example/hook?key=s3cr3t here", "StagingOrchestrator failed: token in https://api.example/hook?*** here")]
    public void A_failure_becomes_one_readable_sentence(string message, string expected)
    {
        Assert.Equal(expected, FailureSentence.Of("StagingOrchestrator", message));
    }

    [Fact]
    public void A_long_failure_is_cut_to_the_limit()
    {
        var sentence = FailureSentence.Of("X", new string('a', 1000));

        Assert.Equal(FailureSentence.MaxLength, sentence.Length);
        Assert.EndsWith("…", sentence, StringComparison.Ordinal);
    }
}
