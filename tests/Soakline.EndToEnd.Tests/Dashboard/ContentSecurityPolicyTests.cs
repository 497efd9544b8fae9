using Microsoft.Playwright;
using Soakline.EndToEnd.Tests.Infrastructure;
using Soakline.Integrations.Approvals;
using Soakline.Pipeline.Orchestration;

namespace Soakline.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard and an approval page in real Chromium under the Content-Security-Policy the app sends: the pages
/// style, script and poll the API as before, and the browser reports no violation. A style the policy does not allow is
/// reported, so the check can see one.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ContentSecurityPolicyTests(ChromiumFixture chromium) : IAsyncLifetime, IDisposable
{
    private const string MainSha = "5e4d3c2b1a0918273645f5e4d3c2b1a098765432";

    /// <summary>Installed before any page script runs (and outside the policy): every violation the page reports.</summary>
    private const string ViolationRecorder = """
        window.cspViolations = [];
        document.addEventListener("securitypolicyviolation", e => window.cspViolations.push(e.violatedDirective + " " + e.blockedURI));
        """;

    private DashboardApp _app = null!;
    private string _main = null!;

    public async Task InitializeAsync()
    {
        _app = new DashboardApp();
        _app.StartServer();
        await chromium.Context.ClearCookiesAsync();
        _main = await _app.StartPipelineAsync("main", MainSha, DateTimeOffset.UtcNow.AddMinutes(-30));
        await Eventually.MatchAsync(
            async () => (await _app.Client.GetInstanceAsync(_main + ":production", getInputsAndOutputs: true))?.ReadCustomStatusAs<PipelineStatus>()?.Stage,
            stage => stage == "awaiting-approval",
            TimeSpan.FromSeconds(20),
            "the main pipeline waits for approval");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task The_dashboard_and_an_approval_page_work_under_their_policy_without_violations()
    {
        var page = await chromium.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add("page error: " + error);
        await page.AddInitScriptAsync(ViolationRecorder);
        try
        {
            // The sign-in page comes first, under the same policy: its inline stylesheet is allowed by its hash.
            var releases = await _app.SignInAsync(page);
            Assert.Contains("default-src 'none'", await releases!.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal("Releases", await page.Locator("h1").InnerTextAsync());
            Assert.True(await page.EvaluateAsync<bool>("() => [...document.styleSheets].some(s => s.cssRules.length > 0)"), "the dashboard's stylesheet did not apply");

            // The pipeline page's script draws the live view from the API and opens the confirmation step.
            await page.GotoAsync(new Uri(_app.BaseAddress, "dashboard/pipelines/" + Uri.EscapeDataString(_main)).ToString());
            await Assertions.Expect(page.Locator("#traffic-chart path.series")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await page.Locator(".toolbar button[data-action='approve']").ClickAsync();
            await Assertions.Expect(page.Locator("dialog#confirm")).ToBeVisibleAsync();

            // An approval page: its one inline stylesheet is allowed by hash.
            var signer = new ApprovalTokenSigner(new ApprovalTokenSettings { SigningKey = DashboardApp.SigningKey });
            var token = signer.Sign(new ApprovalTokenClaims(_main + ":production", ApprovalChoice.Approve, "lead@example.com", DateTimeOffset.UtcNow.AddHours(1), ApprovalTokenSigner.NewNonce()));
            var approval = await page.GotoAsync(new Uri(_app.BaseAddress, "approvals/" + token).ToString());
            Assert.Contains("style-src 'sha256-", await approval!.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal("640px", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).maxWidth"));

            Assert.Empty(await page.EvaluateAsync<string[]>("() => window.cspViolations"));
            Assert.DoesNotContain(console, line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));

            // The recorder sees what the policy refuses: a style the page did not ship.
            await page.EvaluateAsync("() => { const s = document.createElement('style'); s.textContent = 'body{color:red}'; document.head.appendChild(s); }");
            await page.WaitForFunctionAsync("() => window.cspViolations.length > 0");
            Assert.StartsWith("style-src", (await page.EvaluateAsync<string[]>("() => window.cspViolations"))[0], StringComparison.Ordinal);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
