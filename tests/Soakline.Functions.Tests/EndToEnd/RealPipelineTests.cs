using System.Net;
using System.Net.Http.Json;
using System.Text;
using Soakline.Durable;
using Soakline.Functions.Api;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Orchestration;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Soakline.Functions.Tests.EndToEnd;

/// <summary>
/// A push through the app into the real pipeline: the release orchestrator reads <c>.soakline.yml</c> at the pushed
/// commit from GitHub (a local server speaking the contents API), applies the branch rules, and records what it did,
/// which the API then shows as the pipeline's timeline.
/// </summary>
public sealed class RealPipelineTests : IAsyncLifetime
{
    private const string Spec = """
        version: 1
        approval:
          approvers: [ops@example.com]
        components:
          api:
            paths: ["api/**"]
            hosts:
              staging: [staging-1]
              production: [prod-1, prod-2]
            releaseRoot: /srv/api
            health:
              url: http://{host}/health
        """;

    private readonly WireMockServer _github = WireMockServer.Start();
    private SoaklineAppFactory _app = null!;

    public Task InitializeAsync()
    {
        var file = new
        {
            type = "file",
            encoding = "base64",
            size = Spec.Length,
            name = ".soakline.yml",
            path = ".soakline.yml",
            content = Convert.ToBase64String(Encoding.UTF8.GetBytes(Spec)),
            sha = "3d21ec53a331a6f037a91c368710b99387d012c1",
            url = _github.Url + "/api/v3/repos/acme/shop/contents/.soakline.yml",
        };
        _github.Given(Request.Create().WithPath("/api/v3/repos/acme/shop/contents/.soakline.yml").WithParam("ref", GitHubDeliveries.Sha).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(file));
        _app = new SoaklineAppFactory()
            .With("Soakline__GitHub__Token", "ghs_test_installation_token")
            .With("Soakline__GitHub__BaseUrl", _github.Url + "/");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _github.Stop();
    }

    [Fact]
    public async Task A_push_to_a_branch_no_rule_deploys_runs_the_pipeline_to_ignored_and_the_api_shows_why()
    {
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);

        var started = await (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(branch: "feature/basket")))).Content.ReadFromJsonAsync<WebhookReply>();
        var done = await _app.Client.WaitForInstanceCompletionAsync(started!.InstanceId!, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(ReleaseStatus.Ignored, done.ReadOutputAs<ReleaseOutcome>()!.Status);
        var authorization = _github.LogEntries.Select(e => e.RequestMessage?.Headers?["Authorization"].Single()).ToList();
        Assert.NotEmpty(authorization);
        Assert.All(authorization, a => Assert.EndsWith(" ghs_test_installation_token", a, StringComparison.Ordinal));

        var detail = (await http.GetFromJsonAsync<PipelineDetail>($"/api/pipelines/{started.InstanceId}"))!;
        var ignored = Assert.Single(detail.Timeline);
        Assert.Equal("Ignored", ignored.Kind);
        Assert.Contains("feature/basket", ignored.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/pipelines?status=completed")).StatusCode);
    }
}
