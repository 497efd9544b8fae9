using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Api;
using Soakline.Functions.Releases;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Api;

/// <summary>The pipelines API against a release that waits in its production run, as the real pipeline does.</summary>
public sealed class PipelineApiTests : IAsyncLifetime
{
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory().WithOrchestrators(r => r
        .AddOrchestratorFunc<PushEvent, string>(DurableReleaseStarter.OrchestratorName, async (context, input) =>
        {
            context.SetCustomStatus(new { stage = "production", environment = "production" });
            return await context.CallSubOrchestratorAsync<string>("ProductionOrchestrator", input, new SubOrchestrationOptions(instanceId: context.InstanceId + ":production"));
        })
        .AddOrchestratorFunc<PushEvent, string>("ProductionOrchestrator", async (context, _) =>
        {
            var approval = StandInGate.WaitAsync(context, new PipelineStatus("awaiting-approval", "production"));
            var abort = context.WaitForExternalEvent<AbortRequest>(PipelineEvents.Abort, CancellationToken.None);
            var first = await Task.WhenAny(approval, abort);
            return first == approval
                ? $"{(approval.Result.Approved ? "approved" : "rejected")} by {approval.Result.DecidedBy}: {approval.Result.Comment}"
                : $"aborted by {abort.Result.RequestedBy}: {abort.Result.Reason}";
        }));

    private HttpClient _http = null!;
    private string _pipelineId = null!;

    public async Task InitializeAsync()
    {
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        var started = await (await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push()))).Content.ReadFromJsonAsync<JsonElement>();
        _pipelineId = started.GetProperty("instanceId").GetString()!;
        await _app.IdleAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string?> Outcome()
    {
        var done = await _app.Client.WaitForInstanceCompletionAsync(_pipelineId, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        return done.ReadOutputAs<string>();
    }

    [Fact]
    public async Task The_list_shows_pipelines_only_and_filters_by_repository_branch_and_status()
    {
        var all = await _http.GetFromJsonAsync<List<PipelineSummary>>("/api/pipelines");
        var pipeline = Assert.Single(all!);
        Assert.Equal((_pipelineId, "Running"), (pipeline.Id, pipeline.RuntimeStatus));
        Assert.Equal("production", pipeline.Status!.Value.GetProperty("stage").GetString());

        Assert.Single((await _http.GetFromJsonAsync<List<PipelineSummary>>("/api/pipelines?repository=acme/shop&branch=main&status=running"))!);
        Assert.Empty((await _http.GetFromJsonAsync<List<PipelineSummary>>("/api/pipelines?repository=acme/shop&branch=develop"))!);
        Assert.Empty((await _http.GetFromJsonAsync<List<PipelineSummary>>("/api/pipelines?status=completed"))!);
    }

    [Theory]
    [InlineData("/api/pipelines?status=sleeping", "status")]
    [InlineData("/api/pipelines?repository=acme", "repository")]
    [InlineData("/api/pipelines?branch=main", "branch")]
    [InlineData("/api/pipelines?limit=0", "limit")]
    [InlineData("/api/metrics/dora?environment=prod%20uction", "environment")]
    public async Task Bad_filters_are_400_naming_the_parameter(string url, string parameter)
    {
        var response = await _http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Problems.FieldAsync(response, parameter);
    }

    [Fact]
    public async Task One_pipeline_comes_with_its_environment_runs_and_timeline()
    {
        var store = _app.Services.GetRequiredService<IReleaseStore>();
        await store.RecordAsync(new ReleaseTransition("t-1", _pipelineId, "production", TransitionKind.ApprovalRequested, _app.Clock.GetUtcNow(), "asked lead@example.com"), CancellationToken.None);
        await store.RecordAsync(new ReleaseTransition("t-2", "release:acme:shop:main:other", "production", TransitionKind.Approved, _app.Clock.GetUtcNow(), "another pipeline"), CancellationToken.None);

        var detail = (await _http.GetFromJsonAsync<PipelineDetail>($"/api/pipelines/{_pipelineId}"))!;

        Assert.Equal(_pipelineId, detail.Pipeline.Id);
        var run = Assert.Single(detail.EnvironmentRuns);
        Assert.Equal((_pipelineId + ":production", "awaiting-approval"), (run.Id, run.Status!.Value.GetProperty("stage").GetString()));
        var entry = Assert.Single(detail.Timeline);
        Assert.Equal(("ApprovalRequested", "production", "asked lead@example.com"), (entry.Kind, entry.Environment, entry.Detail));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/pipelines/release:acme:shop:main:nope")).StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string key = TestSettings.ApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        var http = _app.CreateClient();
        return await http.SendAsync(request);
    }

    private async Task<(OrchestrationRuntimeStatus Status, ApprovalState? Gate)> ProductionRunAsync()
    {
        await _app.IdleAsync();
        var run = (await _app.Client.GetInstanceAsync(_pipelineId + ":production", getInputsAndOutputs: true))!;
        return (run.RuntimeStatus, run.ReadCustomStatusAs<PipelineStatus>()!.Approval);
    }

    [Fact]
    public async Task Approve_takes_effect_as_the_key_holder_and_answers_200_once_the_gate_recorded_it()
    {
        var response = await PostAsync($"/api/pipelines/{_pipelineId}/approve", new { comment = "go" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("approved", TestSettings.ApiKeyName), (answer.GetProperty("status").GetString(), answer.GetProperty("by").GetString()));
        Assert.Equal("approved by lead@example.com: go", await Outcome());
        var (_, gate) = await ProductionRunAsync();
        Assert.Equal((ApprovalOutcome.Approved, TestSettings.ApiKeyName), (gate!.Outcome, gate.DecidedBy));
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("abort")]
    public async Task A_body_naming_the_decider_is_400_and_changes_nothing(string action)
    {
        var response = await PostAsync($"/api/pipelines/{_pipelineId}/{action}", new { by = "lead@example.com", comment = "no", reason = "r" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("by: remove it", await Problems.FieldAsync(response, "by"), StringComparison.Ordinal);
        var (status, gate) = await ProductionRunAsync();
        Assert.Equal((OrchestrationRuntimeStatus.Running, ApprovalOutcome.Waiting), (status, gate!.Outcome));
        Assert.Null(gate.Receipts);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task A_key_holder_who_is_not_an_approver_is_403_and_the_pipeline_still_waits(string action)
    {
        var response = await PostAsync($"/api/pipelines/{_pipelineId}/{action}", new { comment = "mine now" }, TestSettings.OtherKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("mallory@example.com is not an approver", (await Problems.ReadAsync(response)).Detail, StringComparison.Ordinal);
        var (status, gate) = await ProductionRunAsync();
        Assert.Equal((OrchestrationRuntimeStatus.Running, ApprovalOutcome.Waiting), (status, gate!.Outcome));
    }

    [Fact]
    public async Task Reject_after_the_approval_is_409_saying_who_approved_and_when_and_changes_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/api/pipelines/{_pipelineId}/approve", new { })).StatusCode);

        var response = await PostAsync($"/api/pipelines/{_pipelineId}/reject", new { comment = "too late" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(
            "already approved by lead@example.com at 2026-11-23 07:50:00Z; nothing was changed",
            (await Problems.ReadAsync(response)).Detail);
        Assert.Equal("approved by lead@example.com: ", await Outcome());
        var (_, gate) = await ProductionRunAsync();
        Assert.Equal(ApprovalOutcome.Approved, gate!.Outcome);
        Assert.Single(gate.Receipts!);
    }

    [Fact]
    public async Task A_pipeline_that_does_not_exist_is_404()
    {
        var response = await PostAsync("/api/pipelines/release:acme:shop:main:nope/approve", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Abort_reaches_the_soaking_run_as_the_key_holder_and_a_finished_pipeline_is_409()
    {
        var response = await PostAsync($"/api/pipelines/{_pipelineId}/abort", new { reason = "error rate climbing" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("aborted by lead@example.com: error rate climbing", await Outcome());
        var again = await PostAsync($"/api/pipelines/{_pipelineId}/abort", new { reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("""{"scope":"all","reason":"r"}""", "repository")]
    [InlineData("""{"repository":"acme/shop","scope":"component","reason":"r"}""", "component")]
    [InlineData("""{"repository":"acme/shop","scope":"canary","target":"20261101T120000Z-abcdef0","reason":"r"}""", "target")]
    [InlineData("""{"repository":"acme/shop","scope":"all","target":"last-tuesday","reason":"r"}""", "target")]
    [InlineData("""{"repository":"acme/shop","scope":"all"}""", "reason")]
    [InlineData("""{"repository":"acme/shop","scope":"all","reason":"r","by":"someone-else"}""", "by")]
    public async Task A_rollback_request_missing_a_field_is_400_naming_it_and_starts_nothing(string body, string field)
    {
        var response = await _http.PostAsync("/api/environments/production/rollback", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Problems.FieldAsync(response, field);
        Assert.Empty(await _app.InstancesAsync("rollback:"));
    }
}
