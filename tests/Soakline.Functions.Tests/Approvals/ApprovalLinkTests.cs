using System.Net;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Integrations.Approvals;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Approvals;

/// <summary>The approval page: a GET shows, only a POST decides; every bad link is refused and changes nothing.</summary>
public sealed class ApprovalLinkTests : IAsyncLifetime
{
    private const string InstanceId = "release:acme:shop:main:0123456789abcdef0123456789abcdef01234567:production";
    private const string Approver = "lead@example.com";
    private readonly ApprovalTokenSigner _signer = new(new ApprovalTokenSettings { SigningKey = TestSettings.SigningKey });
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory()
        .WithOrchestrators(r => r.AddOrchestratorFunc<object?, ApprovalDecision>("ProductionOrchestrator", async (context, _) =>
        {
            context.SetCustomStatus(new { stage = "awaiting-approval", environment = "production", release = "20261123-074000-0123456" });
            return await context.WaitForExternalEvent<ApprovalDecision>("approval", CancellationToken.None);
        }));

    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _http = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var input = new { commit = new { repository = new { owner = "acme", name = "shop" }, sha = "0123456789abcdef0123456789abcdef01234567" }, author = "ada", message = "Fix the basket total", approvers = new[] { "lead@example.com", "cto@example.com" } };
        await _app.Client.ScheduleNewOrchestrationInstanceAsync("ProductionOrchestrator", input, new StartOrchestrationOptions(InstanceId));
        await _app.IdleAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Token(ApprovalChoice choice = ApprovalChoice.Approve, string approver = Approver, TimeSpan? validFor = null, string? nonce = null) =>
        _signer.Sign(new ApprovalTokenClaims(InstanceId, choice, approver, _app.Clock.GetUtcNow() + (validFor ?? TimeSpan.FromHours(4)), nonce ?? ApprovalTokenSigner.NewNonce()));

    private static FormUrlEncodedContent Form(string comment = "") => new([new KeyValuePair<string, string>("comment", comment)]);

    private async Task<OrchestrationMetadata> Instance() => (await _app.Client.GetInstanceAsync(InstanceId, getInputsAndOutputs: true))!;

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
    public async Task An_approver_who_is_not_allowed_is_403_and_the_link_stays_unspent()
    {
        var token = Token(approver: "intern@example.com");

        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync($"/approvals/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.PostAsync($"/approvals/{token}", Form())).StatusCode);
        await _app.IdleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Instance()).RuntimeStatus);
    }
}
