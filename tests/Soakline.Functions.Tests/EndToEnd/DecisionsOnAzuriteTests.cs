using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Api;
using Soakline.Integrations.Approvals;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Tests.EndToEnd;

/// <summary>
/// Every decision path against the running app, standalone on Azure Storage (Azurite), with the real production
/// orchestrator waiting at its real approval gate: each answer is checked against the pipeline's state.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DecisionsOnAzuriteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string PipelineId = "release:acme:shop:main:" + Sha;
    private const string RunId = PipelineId + ":production";

    private readonly RecordingApprovalNotifier _mail = new();
    private readonly ApprovalTokenSigner _signer = new(new ApprovalTokenSettings { SigningKey = TestSettings.SigningKey });
    private SoaklineAppFactory _app = null!;
    private HttpClient _http = null!;

    private static string Spec(string timeout) => $"""
        version: 1
        approval:
          approvers: [lead@example.com, cto@example.com]
          timeout: {timeout}
          expeditedTimeout: {timeout}
        components:
          api:
            paths: ["api/**"]
            hosts:
              production: [prod-1]
            releaseRoot: /srv/api
        """;

    public Task InitializeAsync()
    {
        _app = new SoaklineAppFactory()
            .OnAzurite(azurite)
            .OnStandaloneEngine()
            .WithServices(s =>
            {
                s.AddSingleton<IApprovalNotifier>(_mail);
                s.AddSingleton<INotifier>(_mail);
            });
        _http = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Starts the production run of a push as the release orchestrator would, and waits until its gate waits.</summary>
    private async Task StartWaitingAsync(string timeout = "1h")
    {
        var commit = new CommitRef(new RepositoryRef("acme", "shop"), Sha, "main");
        var now = TimeProvider.System.GetUtcNow();
        var run = new PipelineRun(PipelineId, commit, Spec(timeout), "production", BranchMode.Approval, ReleaseId.Create(now, Sha), now, "dev@example.com", "change", OverrideE2E: false, Approvers: ["lead@example.com", "cto@example.com"]);
        await _app.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProductionOrchestrator), run, new StartOrchestrationOptions(RunId));
        await Eventually.MatchAsync(GateAsync, g => g?.Outcome == ApprovalOutcome.Waiting && !_mail.Requests.IsEmpty, "the gate to wait");
    }

    private async Task<ApprovalState?> GateAsync() =>
        (await _app.Client.GetInstanceAsync(RunId, getInputsAndOutputs: true))?.ReadCustomStatusAs<PipelineStatus>()?.Approval;

    private async Task<(OrchestrationRuntimeStatus Status, ApprovalState Gate)> StateAsync()
    {
        var run = (await _app.Client.GetInstanceAsync(RunId, getInputsAndOutputs: true))!;
        return (run.RuntimeStatus, run.ReadCustomStatusAs<PipelineStatus>()!.Approval!);
    }

    private Task<HttpResponseMessage> ApiAsync(string action, object body, string key = TestSettings.ApiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/pipelines/{PipelineId}/{action}") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        return _http.SendAsync(request);
    }

    private string Link(ApprovalChoice choice, string approver) =>
        _signer.Sign(new ApprovalTokenClaims(RunId, choice, approver, TimeProvider.System.GetUtcNow().AddHours(1), ApprovalTokenSigner.NewNonce()));

    private Task<HttpResponseMessage> PostLinkAsync(string token) =>
        _http.PostAsync($"/approvals/{token}", new FormUrlEncodedContent([new KeyValuePair<string, string>("comment", "from the mail")]));

    private static async Task<string> ErrorAsync(HttpResponseMessage response) => (await Problems.ReadAsync(response)).Detail!;

    [Fact]
    public async Task Approve_through_the_api_answers_200_once_the_gate_recorded_it_and_a_later_reject_is_409_saying_by_whom_and_when()
    {
        await StartWaitingAsync();

        var approved = await ApiAsync("approve", new { comment = "go" });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var (_, gate) = await StateAsync();
        Assert.Equal((ApprovalOutcome.Approved, TestSettings.ApiKeyName), (gate.Outcome, gate.DecidedBy));

        var rejectedByApi = await ApiAsync("reject", new { comment = "too late" });
        var rejectedByLink = await PostLinkAsync(Link(ApprovalChoice.Reject, "cto@example.com"));

        Assert.Equal(HttpStatusCode.Conflict, rejectedByApi.StatusCode);
        Assert.StartsWith($"already approved by lead@example.com at {gate.DecidedAt:u}", await ErrorAsync(rejectedByApi), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, rejectedByLink.StatusCode);
        Assert.Contains($"already approved by lead@example.com at {gate.DecidedAt:u}", await rejectedByLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, after) = await StateAsync();
        Assert.Equal((ApprovalOutcome.Approved, TestSettings.ApiKeyName), (after.Outcome, after.DecidedBy));
        Assert.Single(after.Receipts!);
    }

    [Fact]
    public async Task A_non_approver_is_403_through_the_api_and_the_link_and_the_pipeline_still_waits()
    {
        await StartWaitingAsync();

        var byKey = await ApiAsync("approve", new { }, TestSettings.OtherKey);
        var byLink = await PostLinkAsync(Link(ApprovalChoice.Approve, "intern@example.com"));

        Assert.Equal(HttpStatusCode.Forbidden, byKey.StatusCode);
        Assert.Contains("mallory@example.com is not an approver", await ErrorAsync(byKey), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byLink.StatusCode);
        var (status, gate) = await StateAsync();
        Assert.Equal((OrchestrationRuntimeStatus.Running, ApprovalOutcome.Waiting), (status, gate.Outcome));
    }

    [Fact]
    public async Task A_body_naming_the_decider_is_400_and_the_pipeline_still_waits()
    {
        await StartWaitingAsync();

        var response = await ApiAsync("approve", new { by = "cto@example.com" }, TestSettings.OtherKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (status, gate) = await StateAsync();
        Assert.Equal((OrchestrationRuntimeStatus.Running, ApprovalOutcome.Waiting), (status, gate.Outcome));
        Assert.Null(gate.Receipts);
    }

    [Fact]
    public async Task A_reject_link_takes_effect_once_and_its_second_post_is_409()
    {
        await StartWaitingAsync();
        var token = Link(ApprovalChoice.Reject, "cto@example.com");

        var rejected = await PostLinkAsync(token);
        var again = await PostLinkAsync(token);

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("This link was already used: rejected by cto@example.com", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await _app.Client.WaitForInstanceCompletionAsync(RunId, getInputsAndOutputs: true, Eventually.Timeout());
        Assert.Equal(ReleaseStatus.Rejected, done.ReadOutputAs<ReleaseOutcome>()!.Status);
        Assert.Equal((ApprovalOutcome.Rejected, "cto@example.com"), ((await StateAsync()).Gate.Outcome, (await StateAsync()).Gate.DecidedBy));
    }

    [Fact]
    public async Task After_the_request_expired_the_api_and_the_link_are_409_and_nothing_changes()
    {
        await StartWaitingAsync(timeout: "2s");
        var done = await _app.Client.WaitForInstanceCompletionAsync(RunId, getInputsAndOutputs: true, Eventually.Timeout());
        Assert.Equal(ReleaseStatus.ApprovalExpired, done.ReadOutputAs<ReleaseOutcome>()!.Status);

        var byApi = await ApiAsync("approve", new { });
        var byLink = await PostLinkAsync(Link(ApprovalChoice.Approve, "lead@example.com"));

        Assert.Equal(HttpStatusCode.Conflict, byApi.StatusCode);
        Assert.Contains("the approval request expired at", await ErrorAsync(byApi), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, byLink.StatusCode);
        var (status, gate) = await StateAsync();
        Assert.Equal((OrchestrationRuntimeStatus.Completed, ApprovalOutcome.Expired), (status, gate.Outcome));
        Assert.Null(gate.Receipts);
    }
}
