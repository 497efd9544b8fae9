using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Api;
using Soakline.Functions.Dashboard;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.EndToEnd;

/// <summary>
/// A pipeline that never reached an environment, through the app and the real release orchestrator: the API's status
/// says where it ended and names no environment, and the dashboard offers no emergency rollback for it.
/// </summary>
public sealed class FinishedPipelineViewTests : IAsyncLifetime, IDisposable
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
    public async Task An_ignored_push_ends_ignored_with_no_environment_and_no_rollback_button()
    {
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        var started = await (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(branch: "feature/basket")))).Content.ReadFromJsonAsync<WebhookReply>();
        var done = await _app.Client.WaitForInstanceCompletionAsync(started!.InstanceId!, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        var detail = (await http.GetFromJsonAsync<PipelineDetail>($"/api/pipelines/{started.InstanceId}"))!;
        var status = detail.Pipeline.Status!.Value;
        Assert.Equal("ignored", status.GetProperty("stage").GetString());
        Assert.Equal(0, status.GetProperty("trafficPercent").GetInt32());
        Assert.False(status.TryGetProperty("environment", out var environment) && environment.ValueKind != System.Text.Json.JsonValueKind.Null, $"names an environment: {environment}");
        Assert.Empty(detail.EnvironmentRuns);

        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var signIn = await browser.PostAsync(DashboardSignIn.SignInRoute, new FormUrlEncodedContent([new(DashboardSignIn.KeyField, TestSettings.ApiKey), new(DashboardSignIn.ReturnField, "/dashboard")]));
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard/pipelines/" + Uri.EscapeDataString(started.InstanceId!));
        page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        page.Headers.Add("Cookie", cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
        var html = await (await browser.SendAsync(page)).Content.ReadAsStringAsync();

        Assert.Contains("id=\"live-stage\">ignored<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=\"rollback\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("(none)", html, StringComparison.Ordinal);
    }
}
