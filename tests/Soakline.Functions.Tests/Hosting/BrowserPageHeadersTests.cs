using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Dashboard;
using Soakline.Functions.Hosting;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Integrations.Approvals;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Hosting;

/// <summary>
/// Every kind of page a browser renders (dashboard pages and assets, the dashboard's refusals and sign-in page, the
/// approval confirmation, outcome and refusal pages) comes with its Content-Security-Policy, no framing, no referrer,
/// no caching and no sniffing; the policy allows exactly what the page uses.
/// </summary>
public sealed partial class BrowserPageHeadersTests : IAsyncLifetime
{
    private const string InstanceId = "release:acme:shop:main:0123456789abcdef0123456789abcdef01234567:production";
    private const string Approver = "lead@example.com";

    private readonly ApprovalTokenSigner _signer = new(new ApprovalTokenSettings { SigningKey = TestSettings.SigningKey });
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory()
        .WithOrchestrators(r => r.AddOrchestratorFunc<object?, ApprovalDecision>("ProductionOrchestrator", (context, _) =>
        {
            context.SetCustomStatus(new { stage = "awaiting-approval", environment = "production" });
            return context.WaitForExternalEvent<ApprovalDecision>("approval", CancellationToken.None);
        }));

    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var input = new { commit = new { repository = new { owner = "acme", name = "shop" }, sha = "0123456789abcdef0123456789abcdef01234567" }, author = "ada", message = "Fix the basket total" };
        await _app.Client.ScheduleNewOrchestrationInstanceAsync("ProductionOrchestrator", input, new StartOrchestrationOptions(InstanceId));
        await _app.IdleAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Token(ApprovalChoice choice = ApprovalChoice.Approve) =>
        _signer.Sign(new ApprovalTokenClaims(InstanceId, choice, Approver, _app.Clock.GetUtcNow().AddHours(4), ApprovalTokenSigner.NewNonce()));

    private Task<HttpResponseMessage> WithKey(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", TestSettings.ApiKey);
        return _browser.SendAsync(request);
    }

    private static void AssertHardened(HttpResponseMessage response, BrowserPagePolicy policy)
    {
        var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath} ({(int)response.StatusCode})";
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what} has no Content-Security-Policy");
        Assert.Equal(policy.ContentSecurityPolicy, Assert.Single(csp));
        Assert.Contains("frame-ancestors 'none'", policy.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore, $"{what} may be cached");
    }

    [Fact]
    public async Task Dashboard_pages_assets_and_refusals_are_hardened()
    {
        var releases = await WithKey("/dashboard");
        Assert.Equal(HttpStatusCode.OK, releases.StatusCode);
        AssertHardened(releases, BrowserPagePolicy.Dashboard);

        var pipeline = await WithKey("/dashboard/pipelines/" + Uri.EscapeDataString("release:acme:shop:main:0123456789abcdef0123456789abcdef01234567"));
        AssertHardened(pipeline, BrowserPagePolicy.Dashboard);

        var script = await WithKey("/dashboard/assets/dashboard.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        AssertHardened(script, BrowserPagePolicy.Dashboard);

        // What a browser without a session sees, the sign-in page and its redirect back are answers of the same pages.
        AssertHardened(await _browser.GetAsync("/dashboard"), BrowserPagePolicy.Dashboard);
        var signIn = await _browser.GetAsync(DashboardSignIn.SignInRoute);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        AssertHardened(signIn, BrowserPagePolicy.Dashboard);
        var signedIn = await _browser.PostAsync(DashboardSignIn.SignInRoute, new FormUrlEncodedContent(new Dictionary<string, string> { [DashboardSignIn.KeyField] = TestSettings.ApiKey }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        AssertHardened(signedIn, BrowserPagePolicy.Dashboard);
    }

    [Fact]
    public async Task The_sign_in_pages_one_inline_stylesheet_is_the_one_the_policy_allows()
    {
        var html = await (await _browser.GetAsync(DashboardSignIn.SignInRoute)).Content.ReadAsStringAsync();
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline);
        Assert.True(style.Success, "the sign-in page has no stylesheet");
        Assert.Contains($"'{BrowserPagePolicy.StyleHash(style.Groups[1].Value)}'", BrowserPagePolicy.Dashboard.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [Fact]
    public async Task The_dashboard_page_needs_nothing_its_policy_refuses()
    {
        var html = await (await WithKey("/dashboard")).Content.ReadAsStringAsync();

        // Scripts and styles come from the app's own assets; no inline code, no inline styles, nothing from elsewhere.
        Assert.Contains("<script src=\"/dashboard/assets/dashboard.js\"", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/dashboard/assets/dashboard.css\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
        Assert.DoesNotContain("://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_confirmation_outcome_and_refusal_pages_are_hardened()
    {
        var token = Token();

        var confirmation = await _browser.GetAsync($"/approvals/{token}");
        Assert.Equal("text/html", confirmation.Content.Headers.ContentType!.MediaType);
        AssertHardened(confirmation, BrowserPagePolicy.Approval);

        var outcome = await _browser.PostAsync($"/approvals/{token}", new FormUrlEncodedContent([]));
        AssertHardened(outcome, BrowserPagePolicy.Approval);

        var forged = await _browser.GetAsync("/approvals/not-a-token-at-all");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        AssertHardened(forged, BrowserPagePolicy.Approval);
    }

    [Fact]
    public async Task The_approval_policy_allows_exactly_the_page_inline_style_and_no_script()
    {
        var html = await (await _browser.GetAsync($"/approvals/{Token(ApprovalChoice.Reject)}")).Content.ReadAsStringAsync();

        var style = Assert.Single(InlineStyle().Matches(html)).Groups["css"].Value;
        Assert.Contains($"style-src '{BrowserPagePolicy.StyleHash(style)}'", BrowserPagePolicy.Approval.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("script-src", BrowserPagePolicy.Approval.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", BrowserPagePolicy.Approval.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains($"action=\"/approvals/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_answers_are_not_pages_and_keep_their_own_headers()
    {
        var api = await WithKey("/api/pipelines");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType!.MediaType);
        Assert.False(api.Headers.Contains("Content-Security-Policy"));
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex("<style>(?<css>[^<]*)</style>")]
    private static partial Regex InlineStyle();
}
