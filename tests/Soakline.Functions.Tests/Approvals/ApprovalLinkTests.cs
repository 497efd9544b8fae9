using System.Net;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Approvals;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Integrations.Approvals;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Approvals;

/// <summary>
/// The approval page: a GET shows, only a POST decides, as the approver the link was issued to; every bad link is
/// refused and changes nothing; the link is spent only once the gate recorded the decision.
/// </summary>
public sealed class ApprovalLinkTests : IAsyncLifetime
{
    private const string InstanceId = "release:acme:shop:main:0123456789abcdef0123456789abcdef01234567:production";
    private const string Approver = "lead@example.com";
    private readonly ApprovalTokenSigner _signer = new(new ApprovalTokenSettings { SigningKey = TestSettings.SigningKey });
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory()
        .WithServices(s => s.AddSingleton(new DecisionDeskOptions { AcknowledgementTimeout = TimeSpan.FromSeconds(2) }))
        .WithOrchestrators(r => r
            .AddOrchestratorFunc<object?, ApprovalDecision>("ProductionOrchestrator", (context, _) =>
                StandInGate.WaitAsync(
                    context,
                    new PipelineStatus("awaiting-approval", "production", "20261123-074000-0123456"),
                    context.InstanceId.Contains(":slow:", StringComparison.Ordinal) ? () => context.WaitForExternalEvent<bool>("let-the-gate-record", CancellationToken.None) : null))
            .AddOrchestratorFunc<object?, string>("ExpiredGate", (context, _) =>
            {
                var at = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
                context.SetCustomStatus(new PipelineStatus("approval-expired", "production", Approval: new ApprovalState(StandInGate.Approvers, at, ApprovalOutcome.Expired, DecidedAt: at)));
                return Task.FromResult("expired");
            }));

    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _http = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var input = new { commit = new { repository = new { owner = "acme", name = "shop" }, sha = "0123456789abcdef0123456789abcdef01234567" }, author = "ada", message = "Fix the basket total" };
        await _app.Client.ScheduleNewOrchestrationInstanceAsync("ProductionOrchestrator", input, new StartOrchestrationOptions(InstanceId));
        await _app.IdleAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Token(ApprovalChoice choice = ApprovalChoice.Approve, string approver = Approver, TimeSpan? validFor = null, string? nonce = null) =>
        _signer.Sign(new ApprovalTokenClaims(InstanceId, choice, approver, _app.Clock.GetUtcNow() + (validFor ?? TimeSpan.FromHours(4)), nonce ?? ApprovalTokenSigner.NewNonce()));

    private static FormUrlEncodedContent Form(string comment = "") => new([new KeyValuePair<string, string>("comment", comment)]);

    private async Task<OrchestrationMetadata> Instance() => (await _app.Client.GetInstanceAsync(InstanceId, getInputsAndOutputs: true))!;

    private async Task<ApprovalState> GateAsync()
    {
        await _app.IdleAsync();
        return (await Instance()).ReadCustomStatusAs<PipelineStatus>()!.Approval!;
    }

    [Fact]
    public async Task Get_shows_the_release_and_a_form_and_decides_nothing()
    {
        var token = Token();

        var page = await _http.GetAsync($"/approvals/{token}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Approve release?", html, StringComparison.Ordinal);
        Assert.Contains("acme/shop@0123456789abcdef0123456789abcdef01234567", html, StringComparison.Ordinal);
        Assert.Contains("20261123-074000-0123456", html, StringComparison.Ordinal);
        Assert.Contains("method=\"post\"", html, StringComparison.Ordinal);
        await _app.IdleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Instance()).RuntimeStatus);

        // The GET did not spend the link: the POST still works.
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync($"/approvals/{token}", Form())).StatusCode);
    }

    [Fact]
    public async Task Post_decides_once_and_a_second_post_is_409()
    {
        var token = Token(ApprovalChoice.Reject);

        var decided = await _http.PostAsync($"/approvals/{token}", Form("metrics look odd"));

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var done = await _app.Client.WaitForInstanceCompletionAsync(InstanceId, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        var decision = done.ReadOutputAs<ApprovalDecision>()!;
        Assert.Equal((false, Approver, "metrics look odd", SoaklineAppFactory.Start), (decision.Approved, decision.DecidedBy, decision.Comment, decision.DecidedAt));

        Assert.Equal(HttpStatusCode.Conflict, (await _http.PostAsync($"/approvals/{token}", Form())).StatusCode);
    }

    [Fact]
    public async Task The_other_link_of_the_same_mail_is_409_once_one_was_used()
    {
        var nonce = ApprovalTokenSigner.NewNonce();
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync($"/approvals/{Token(ApprovalChoice.Approve, nonce: nonce)}", Form())).StatusCode);

        var other = await _http.PostAsync($"/approvals/{Token(ApprovalChoice.Reject, nonce: nonce)}", Form());

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
    }

    [Fact]
    public async Task An_expired_link_is_410_on_get_and_post_and_decides_nothing()
    {
        var token = Token(validFor: TimeSpan.FromMinutes(30));
        _app.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(HttpStatusCode.Gone, (await _http.GetAsync($"/approvals/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await _http.PostAsync($"/approvals/{token}", Form())).StatusCode);
        await _app.IdleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Instance()).RuntimeStatus);
    }

    [Fact]
    public async Task A_tampered_link_is_403_and_decides_nothing()
    {
        // Turn a reject link into an approve link by swapping payloads between two signed tokens.
        var reject = Token(ApprovalChoice.Reject);
        var approve = Token(ApprovalChoice.Approve);
        var tampered = approve.Split('.')[0] + "." + reject.Split('.')[1];

        Assert.Equal(HttpStatusCode.Forbidden, (await _http.PostAsync($"/approvals/{tampered}", Form())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync($"/approvals/{tampered}")).StatusCode);
        await _app.IdleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Instance()).RuntimeStatus);
    }

    [Fact]
    public async Task A_link_signed_with_another_key_is_403()
    {
        var forger = new ApprovalTokenSigner(new ApprovalTokenSettings { SigningKey = Convert.ToBase64String(new byte[48]) });
        var forged = forger.Sign(new ApprovalTokenClaims(InstanceId, ApprovalChoice.Approve, Approver, _app.Clock.GetUtcNow().AddHours(1), "n"));

        Assert.Equal(HttpStatusCode.Forbidden, (await _http.PostAsync($"/approvals/{forged}", Form())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync("/approvals/not-a-token-at-all")).StatusCode);
    }

    [Fact]
    public async Task A_reject_link_after_the_approval_is_409_saying_who_approved_and_when_and_changes_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync($"/approvals/{Token(ApprovalChoice.Approve, approver: "cto@example.com")}", Form())).StatusCode);
        var reject = Token(ApprovalChoice.Reject);

        var page = await _http.GetAsync($"/approvals/{reject}");
        var response = await _http.PostAsync($"/approvals/{reject}", Form("stop"));

        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already approved by cto@example.com at 2026-11-23 07:50:00Z", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await _app.Client.WaitForInstanceCompletionAsync(InstanceId, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.True(done.ReadOutputAs<ApprovalDecision>()!.Approved);
        var gate = await GateAsync();
        Assert.Equal((ApprovalOutcome.Approved, "cto@example.com"), (gate.Outcome, gate.DecidedBy));
        Assert.Single(gate.Receipts!);
    }

    [Fact]
    public async Task A_link_for_a_release_whose_request_expired_is_409_and_changes_nothing()
    {
        const string Expired = "release:acme:shop:main:expired:production";
        await _app.Client.ScheduleNewOrchestrationInstanceAsync("ExpiredGate", null, new StartOrchestrationOptions(Expired));
        await _app.IdleAsync();
        var token = _signer.Sign(new ApprovalTokenClaims(Expired, ApprovalChoice.Approve, Approver, _app.Clock.GetUtcNow().AddHours(4), ApprovalTokenSigner.NewNonce()));

        var response = await _http.PostAsync($"/approvals/{token}", Form());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("the approval request expired at", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await _app.Client.GetInstanceAsync(Expired))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_decision_the_gate_has_not_confirmed_leaves_the_link_usable_and_a_retry_confirms_it_once()
    {
        const string Slow = "release:acme:shop:main:slow:production";
        await _app.Client.ScheduleNewOrchestrationInstanceAsync("ProductionOrchestrator", null, new StartOrchestrationOptions(Slow));
        await _app.IdleAsync();
        var token = _signer.Sign(new ApprovalTokenClaims(Slow, ApprovalChoice.Approve, Approver, _app.Clock.GetUtcNow().AddHours(4), ApprovalTokenSigner.NewNonce()));

        var unconfirmed = await _http.PostAsync($"/approvals/{token}", Form());
        Assert.Equal(HttpStatusCode.GatewayTimeout, unconfirmed.StatusCode);
        Assert.Contains("This link still works", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await _app.Client.RaiseEventAsync(Slow, "let-the-gate-record", true);
        await _app.IdleAsync();
        var retried = await _http.PostAsync($"/approvals/{token}", Form());
        var again = await _http.PostAsync($"/approvals/{token}", Form());

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var gate = (await _app.Client.GetInstanceAsync(Slow, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!.Approval!;
        Assert.Equal((ApprovalOutcome.Approved, Approver), (gate.Outcome, gate.DecidedBy));
        Assert.Single(gate.Receipts!);
    }

    [Fact]
    public async Task When_raising_the_decision_fails_the_link_is_not_spent_and_works_afterwards()
    {
        await using var app = new SoaklineAppFactory()
            .WithOrchestrators(r => r.AddOrchestratorFunc<object?, ApprovalDecision>("ProductionOrchestrator", (context, _) => StandInGate.WaitAsync(context, new PipelineStatus("awaiting-approval", "production"))))
            .WithServices(s => s.AddSingleton<DurableTaskClient>(sp => new FailingRaiseClient(sp.GetRequiredService<IDurableTaskClientProvider>().GetClient())));
        await app.Client.ScheduleNewOrchestrationInstanceAsync("ProductionOrchestrator", null, new StartOrchestrationOptions(InstanceId));
        await app.IdleAsync();
        var client = (FailingRaiseClient)app.Client;
        var http = app.CreateClient();
        var token = _signer.Sign(new ApprovalTokenClaims(InstanceId, ApprovalChoice.Approve, Approver, app.Clock.GetUtcNow().AddHours(4), ApprovalTokenSigner.NewNonce()));

        client.FailRaising = true;

        // The failure answers 500 (problem details, nothing of the exception); the log names the route, not the token.
        var failed = await http.PostAsync($"/approvals/{token}", Form());
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("/approvals/{token}", app.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(token, app.Logs.All, StringComparison.Ordinal);
        await app.IdleAsync();
        Assert.Null((await app.Client.GetInstanceAsync(InstanceId, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!.Approval!.Receipts);

        client.FailRaising = false;
        var retried = await http.PostAsync($"/approvals/{token}", Form());

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await app.IdleAsync();
        var gate = (await app.Client.GetInstanceAsync(InstanceId, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!.Approval!;
        Assert.Equal(ApprovalOutcome.Approved, gate.Outcome);
    }

    [Fact]
    public async Task An_approver_who_is_not_allowed_is_403_and_the_link_stays_unspent()
    {
        var token = Token(approver: "intern@example.com");

        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync($"/approvals/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.PostAsync($"/approvals/{token}", Form())).StatusCode);
        await _app.IdleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Instance()).RuntimeStatus);
        Assert.Null((await GateAsync()).Receipts);
    }
}
