using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Tests.Orchestration.Fakes;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// A production component with nothing to analyse (no health.url, only probe metrics): refused where the protection
/// policy calls the environment production; elsewhere a warning on the timeline, the commit status and a notification.
/// </summary>
public sealed class SpecWarningTests : IAsyncLifetime
{
    private static readonly string NoHealth = TestSpecs.Default.Replace("    health:\n      url: http://{host}/health\n", string.Empty, StringComparison.Ordinal);

    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_canary_with_nothing_to_analyse_is_refused_for_a_policy_production_environment_with_its_line()
    {
        var id = await _h.PushAsync("main", PipelineHarness.NewSha, NoHealth);

        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.SpecInvalid, outcome.Status);
        Assert.Contains($"line {SpecText.LineOf(NoHealth, "=api:")}, column 3: components.api: nothing to analyse", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_h.Approvals.Requests);
        Assert.Empty(_h.Deploy.Deploys);
        Assert.Contains(TransitionKind.SpecInvalid, await _h.KindsAsync(id));
    }

    /// <summary>The operators call the spec's production environment staging; the spec still rolls it out in stages.</summary>
    private void PolicyCallsProductionStaging() =>
        _h.Policy.Policy = FakeProtectionPolicySource.Default with
        {
            Environments = [.. FakeProtectionPolicySource.Default.Environments.Select(e => e.Name == "production" ? e with { Kind = EnvironmentKind.Staging } : e)],
        };

    [Fact]
    public async Task A_push_that_deploys_nowhere_keeps_its_warnings_on_its_timeline_only()
    {
        PolicyCallsProductionStaging();
        var id = await _h.PushAsync("feature/basket", PipelineHarness.NewSha, NoHealth);

        Assert.Equal(ReleaseStatus.Ignored, (await _h.RunAsync(id)).Status);

        Assert.Equal([TransitionKind.SpecWarning, TransitionKind.Ignored], await _h.KindsAsync(id));
        Assert.Empty(_h.Notifier.Sent);
        Assert.Empty(_h.SourceControl.Statuses);
    }

    [Fact]
    public async Task Outside_policy_production_it_is_a_warning_people_see_and_the_pipeline_goes_on()
    {
        PolicyCallsProductionStaging();
        var id = await _h.PushAsync("main", PipelineHarness.NewSha, NoHealth);
        await _h.IdleAsync();

        var warning = Assert.Single(await _h.TransitionsAsync(), t => t.Kind == TransitionKind.SpecWarning);
        Assert.Equal(id, warning.PipelineId);
        Assert.StartsWith($"line {SpecText.LineOf(NoHealth, "=api:")}, column 3: components.api: nothing to analyse", warning.Detail, StringComparison.Ordinal);
        Assert.Contains(_h.Notifier.Sent, n => n.Severity == Severity.Warning && n.Title == ".soakline.yml has 1 warning(s)" && n.Text == warning.Detail);
        Assert.Contains(_h.SourceControl.Statuses, s => s.Update.Context == "soakline" && s.Update.State == CommitStatusState.Success && s.Update.Description.Contains("1 warning", StringComparison.Ordinal));
        Assert.Single(_h.Approvals.Requests);

        await _h.DecideAsync(id, "production", approved: false);
        Assert.Equal(ReleaseStatus.Rejected, (await _h.RunAsync(id)).Status);
    }
}
