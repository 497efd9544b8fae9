using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Api;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.EndToEnd;

/// <summary>
/// A push through the app into the real pipeline: the release orchestrator reads <c>.soakline.yml</c> at the pushed
/// commit from GitHub (a local server speaking the contents API), applies the branch rules, and records what it did,
/// which the API then shows as the pipeline's timeline.
/// </summary>
public sealed class RealPipelineTests : IAsyncLifetime, IDisposable
{
    private readonly GitHubContentsServer _github = new();
    private SoaklineAppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = _github.Configure(new SoaklineAppFactory());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _github.Dispose();

    [Fact]
    public async Task A_push_to_a_branch_no_rule_deploys_runs_the_pipeline_to_ignored_and_the_api_shows_why()
    {
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);

        var started = await (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(branch: "feature/basket")))).Content.ReadFromJsonAsync<WebhookReply>();
        var done = await _app.Client.WaitForInstanceCompletionAsync(started!.InstanceId!, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(ReleaseStatus.Ignored, done.ReadOutputAs<ReleaseOutcome>()!.Status);
        Assert.NotEmpty(_github.Authorizations);
        Assert.All(_github.Authorizations, a => Assert.EndsWith(" " + GitHubContentsServer.Token, a, StringComparison.Ordinal));

        var detail = (await http.GetFromJsonAsync<PipelineDetail>($"/api/pipelines/{started.InstanceId}"))!;
        var ignored = Assert.Single(detail.Timeline);
        Assert.Equal("Ignored", ignored.Kind);
        Assert.Contains("feature/basket", ignored.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/pipelines?status=completed")).StatusCode);
    }
}
