using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Api;
using Soakline.Functions.Hosting;
using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.EndToEnd;

/// <summary>
/// The ways a pushed pipeline used to end as a bare Failed at loading-spec, through the running app: each now ends
/// with a typed outcome whose reason the API shows in the pipeline's status and timeline.
/// </summary>
public sealed class PipelineReasonTests : IAsyncDisposable
{
    private SoaklineAppFactory? _app;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_host_that_skips_the_start_check_still_ends_each_push_SpecUnavailable_saying_which_settings_to_add()
    {
        // The test factory's NoSourceControl answers as the app's own stand-in does; the app itself refuses to start
        // without source control (SettingsValidationTests reads the refusal from the executable).
        _app = new SoaklineAppFactory();

        var (outcome, detail) = await PushAndReadAsync(_app);

        Assert.Equal(ReleaseStatus.SpecUnavailable, outcome.Status);
        Assert.Contains("no source control is configured", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("Soakline__GitHub__Token", StatusDetail(detail), StringComparison.Ordinal);
        Assert.Equal(new OutcomeSummary("SpecUnavailable", outcome.Detail), detail.Pipeline.Outcome);
        var entry = Assert.Single(detail.Timeline);
        Assert.Equal("SpecUnavailable", entry.Kind);
        Assert.Contains("no source control is configured", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Unable to resolve service", _app.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_GitHub_answers_404_for_ends_SpecUnavailable_with_GitHubs_reason()
    {
        using var github = new GitHubContentsServer(sha: new string('9', 40));
        _app = github.Configure(new SoaklineAppFactory());

        var (outcome, detail) = await PushAndReadAsync(_app);

        Assert.Equal(ReleaseStatus.SpecUnavailable, outcome.Status);
        Assert.Contains("404 Not Found", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("404 Not Found", StatusDetail(detail), StringComparison.Ordinal);
        Assert.Equal("SpecUnavailable", Assert.Single(detail.Timeline).Kind);
    }

    [Fact]
    public async Task A_yaml_syntax_error_ends_SpecInvalid_with_its_line_on_the_timeline_and_the_commit()
    {
        using var github = new GitHubContentsServer(spec: GitHubContentsServer.Spec.Replace("paths: [\"api/**\"]", "paths: [\"api/**\"", StringComparison.Ordinal));
        _app = github.Configure(new SoaklineAppFactory());

        var (outcome, detail) = await PushAndReadAsync(_app);

        Assert.Equal(ReleaseStatus.SpecInvalid, outcome.Status);
        Assert.Contains("line 6", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(new OutcomeSummary("SpecInvalid", outcome.Detail), detail.Pipeline.Outcome);
        Assert.Contains("'[' is never closed", StatusDetail(detail), StringComparison.Ordinal);
        var entry = Assert.Single(detail.Timeline);
        Assert.Equal("SpecInvalid", entry.Kind);
        Assert.Contains("line 6", entry.Detail, StringComparison.Ordinal);
        Assert.Contains(github.CommitStatuses, s => s.Contains("is invalid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_step_failing_past_its_retries_ends_Crashed_naming_the_step_in_the_API_timeline_and_commit_status()
    {
        // This GitHub serves the spec and takes statuses but has no deployments API: opening the staging deployment
        // record fails on every attempt, inside the environment run.
        using var github = new GitHubContentsServer();
        _app = github.Configure(new SoaklineAppFactory());
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        var reply = await (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(branch: "develop")))).Content.ReadFromJsonAsync<WebhookReply>();

        // The retries' back-off runs on durable timers: the app's fake clock moves on until the pipeline has finished.
        var done = await Eventually.MatchAsync(
            async () =>
            {
                _app.Clock.Advance(TimeSpan.FromSeconds(5));
                return await _app.Client.GetInstanceAsync(reply!.InstanceId!, getInputsAndOutputs: true);
            },
            instance => instance?.IsCompleted == true,
            "the pipeline to finish");
        Assert.True(done!.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        var outcome = done.ReadOutputAs<ReleaseOutcome>()!;
        var detail = (await http.GetFromJsonAsync<PipelineDetail>($"/api/pipelines/{reply!.InstanceId}"))!;

        Assert.Equal(ReleaseStatus.Crashed, outcome.Status);
        Assert.StartsWith("StagingOrchestrator failed: CreateDeploymentActivity failed: ", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(new OutcomeSummary("Crashed", outcome.Detail), detail.Pipeline.Outcome);
        Assert.Equal("Crashed", Assert.Single(detail.EnvironmentRuns).Outcome?.Status);
        Assert.Contains(detail.Timeline, e => e.Kind == "PipelineCompleted" && e.Detail == $"Crashed: {outcome.Detail}");
        Assert.Contains(github.CommitStatuses, s => s.Contains("\"error\"", StringComparison.Ordinal) && s.Contains("Crashed: StagingOrchestrator failed", StringComparison.Ordinal));
        Assert.DoesNotContain(GitHubContentsServer.Token, outcome.Detail, StringComparison.Ordinal);
    }

    private static async Task<(ReleaseOutcome Outcome, PipelineDetail Detail)> PushAndReadAsync(SoaklineAppFactory app)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        var reply = await (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(branch: "develop")))).Content.ReadFromJsonAsync<WebhookReply>();
        var done = await app.Client.WaitForInstanceCompletionAsync(reply!.InstanceId!, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        var detail = (await http.GetFromJsonAsync<PipelineDetail>($"/api/pipelines/{reply.InstanceId}"))!;
        return (done.ReadOutputAs<ReleaseOutcome>()!, detail);
    }

    private static string StatusDetail(PipelineDetail detail) =>
        detail.Pipeline.Status!.Value.GetProperty("detail").GetString()!;

    [Fact]
    public async Task A_policy_that_needs_approvals_without_approval_mail_is_warned_about_once_at_start()
    {
        _app = new SoaklineAppFactory();

        var health = await _app.CreateClient().GetAsync(new Uri(HealthEndpoint.Route, UriKind.Relative));

        Assert.True(health.IsSuccessStatusCode, $"{health.StatusCode}");
        Assert.Single(_app.Logs.Lines, l => l.Contains("requires approval for production, but no approval mail is configured", StringComparison.Ordinal));
    }
}
