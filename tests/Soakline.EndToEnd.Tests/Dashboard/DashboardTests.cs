using Microsoft.DurableTask.Client;
using Microsoft.Playwright;
using Soakline.EndToEnd.Tests.Infrastructure;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard in real Chromium against the app on a real port: pages render what the API knows, the live canary
/// view follows the canary without a reload, the approve button (through its confirmation) reaches the pipeline, and
/// nothing is shown without the key.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class DashboardTests(ChromiumFixture chromium) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private const string MainSha = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
    private const string DevelopSha = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

    private DashboardApp _app = null!;
    private string _main = null!;
    private string _develop = null!;

    public async Task InitializeAsync()
    {
        _app = new DashboardApp();
        _app.StartServer();
        // Cookies are per host, not per port: a session cookie of an earlier test's app must not log this one in.
        await chromium.Context.ClearCookiesAsync();

        var now = DateTimeOffset.UtcNow;
        _develop = await _app.StartPipelineAsync("develop", DevelopSha, now.AddHours(-3));
        await _app.RecordAsync(_develop, "staging", TransitionKind.PipelineStarted, now.AddHours(-2), "push to develop");
        await _app.RecordAsync(_develop, "staging", TransitionKind.Deployed, now.AddHours(-2).AddMinutes(2), "deployed to 2 hosts");
        await _app.RecordAsync(_develop, "staging", TransitionKind.E2EPassed, now.AddHours(-2).AddMinutes(5), "E2E passed");
        await _app.RecordAsync(_develop, "production", TransitionKind.Breached, now.AddHours(-2).AddMinutes(20), "error-rate: 0.061 over limit 0.02", "analysis");
        await _app.RecordAsync(_develop, "production", TransitionKind.RolledBack, now.AddHours(-2).AddMinutes(22), "canary rolled back to the previous release");
        await _app.RecordAsync(_develop, "production", TransitionKind.Released, now.AddHours(-1), "released after the fix", committedAt: now.AddHours(-6));

        _main = await _app.StartPipelineAsync("main", MainSha, now.AddMinutes(-40));
        await _app.RecordAsync(_main, "staging", TransitionKind.PipelineStarted, now.AddMinutes(-30), "push to main");
        await _app.RecordAsync(_main, "staging", TransitionKind.E2EPassed, now.AddMinutes(-20), "E2E passed on staging");
        await _app.RecordAsync(_main, "production", TransitionKind.ApprovalRequested, now.AddMinutes(-10), "asked lead@example.com");
        await Eventually.MatchAsync(() => DescribeAsync(_main + ":production"), s => s.StartsWith("awaiting-approval", StringComparison.Ordinal), Within, "the main pipeline waits for approval");
    }

    /// <summary>The app stops in <see cref="Dispose"/>, which xunit calls right after this.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task Without_the_key_the_dashboard_is_refused()
    {
        var page = await chromium.NewPageAsync();
        try
        {
            var anonymous = await page.GotoAsync(new Uri(_app.BaseAddress, "dashboard").ToString());
            Assert.Equal(401, anonymous!.Status);
            Assert.DoesNotContain("acme/shop", await page.ContentAsync(), StringComparison.Ordinal);

            var wrongKey = await page.GotoAsync(new Uri(_app.BaseAddress, "dashboard").ToString() + "?key=not-the-key-not-the-key");
            Assert.Equal(401, wrongKey!.Status);
            Assert.Empty(await chromium.Context.CookiesAsync([_app.BaseAddress.ToString()]));

            var pipelinePage = await page.GotoAsync(new Uri(_app.BaseAddress, "dashboard/pipelines/" + Uri.EscapeDataString(_main)).ToString());
            Assert.Equal(401, pipelinePage!.Status);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_releases_page_shows_dora_pending_approvals_pipelines_with_timelines_and_incidents()
    {
        var page = await chromium.NewPageAsync();
        try
        {
            var response = await _app.SignInAsync(page);
            Assert.Equal(200, response!.Status);
            Assert.DoesNotContain("key=", page.Url, StringComparison.Ordinal);

            Assert.Equal("Releases", await page.Locator("h1").InnerTextAsync());
            Assert.Contains("1 deployments", await page.Locator("#dora-frequency").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("5 h", await page.Locator("#dora-lead-time .value").InnerTextAsync(), StringComparison.Ordinal);

            var approval = page.Locator($"#approvals .approval[data-pipeline='{_main}']");
            Assert.Contains("acme/shop", await approval.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains(MainSha[..7], await approval.InnerTextAsync(), StringComparison.Ordinal);

            var mainRow = page.Locator($"#pipelines tr[data-pipeline='{_main}']");
            Assert.Contains("awaiting-approval", await mainRow.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(["PipelineStarted", "E2EPassed", "ApprovalRequested"], await mainRow.Locator("ol.strip li").AllInnerTextsAsync());
            var developRow = page.Locator($"#pipelines tr[data-pipeline='{_develop}']");
            Assert.Contains("Completed", await developRow.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("tone-bad", await developRow.Locator("ol.strip li", new() { HasText = "Breached" }).GetAttributeAsync("class"));

            var incidents = await page.Locator("#incidents li").AllInnerTextsAsync();
            Assert.Equal(2, incidents.Count);
            Assert.Contains(incidents, i => i.Contains("RolledBack", StringComparison.Ordinal));
            Assert.Contains(incidents, i => i.Contains("error-rate: 0.061 over limit 0.02", StringComparison.Ordinal));

            var screenshot = Path.Combine(BuildLocations.OutputFolder, "dashboard-releases.png");
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            Assert.True(new FileInfo(screenshot).Length > 10_000, $"screenshot {screenshot} is nearly empty");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Approve_goes_through_the_confirmation_and_reaches_the_waiting_pipeline()
    {
        var page = await chromium.NewPageAsync();
        try
        {
            await _app.SignInAsync(page);
            await page.Locator($"#approvals .approval[data-pipeline='{_main}'] button[data-action='approve']").ClickAsync();

            var dialog = page.Locator("dialog#confirm");
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            Assert.Equal("Approve this release?", await page.Locator("#confirm-title").InnerTextAsync());
            Assert.Equal("awaiting-approval", await StageAsync(_main + ":production"));

            await page.Locator("#confirm-note").FillAsync("looks good");
            await page.Locator("#confirm-ok").ClickAsync();

            await Assertions.Expect(page.Locator("#flash")).ToHaveTextAsync("Approved");
            var status = await Eventually.MatchAsync(() => StatusAsync(_main + ":production"), s => s?.TrafficPercent == 5, Within, "the canary starts after the approval");
            Assert.Equal("approved by lead@example.com", status!.Detail);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Cancel_in_the_confirmation_sends_nothing()
    {
        var page = await chromium.NewPageAsync();
        try
        {
            await _app.SignInAsync(page);
            var posts = new System.Collections.Concurrent.ConcurrentQueue<string>();
            page.Request += (_, request) =>
            {
                if (request.Method == "POST")
                {
                    posts.Enqueue(request.Url);
                }
            };
            await page.Locator($"#approvals .approval[data-pipeline='{_main}'] button[data-action='reject']").ClickAsync();
            await page.Locator("#confirm-cancel").ClickAsync();

            await Assertions.Expect(page.Locator("dialog#confirm")).ToBeHiddenAsync();
            // Instead of a pause: a request the page sends after the cancel. The browser reports its requests in order,
            // so a POST the cancel had sent would have been seen before this one.
            await page.RunAndWaitForRequestAsync(() => page.EvaluateAsync("() => { fetch('/healthz'); }"), "**/healthz");
            Assert.Empty(posts);
            Assert.Equal("awaiting-approval", await StageAsync(_main + ":production"));
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await _app.Client.GetInstanceAsync(_main))!.RuntimeStatus);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Abort_needs_a_reason_in_the_confirmation_and_then_rolls_the_canary_back()
    {
        await _app.Client.RaiseEventAsync(_main + ":production", PipelineEvents.Approval, new ApprovalDecision(true, "lead@example.com", DateTimeOffset.UtcNow));
        await Eventually.MatchAsync(() => DescribeAsync(_main + ":production"), s => s.StartsWith("stage 1", StringComparison.Ordinal), Within, "the canary soaks");
        var page = await chromium.NewPageAsync();
        try
        {
            await _app.SignInAsync(page, "dashboard/pipelines/" + Uri.EscapeDataString(_main));
            await page.Locator(".toolbar button[data-action='abort']").ClickAsync();
            await page.Locator("#confirm-ok").ClickAsync();

            await Assertions.Expect(page.Locator("#confirm-error")).ToHaveTextAsync("Reason is required.");
            Assert.Equal("stage 1: soaking", await StageAsync(_main + ":production"));

            await page.Locator("#confirm-note").FillAsync("error rate climbing");
            await page.Locator("#confirm-ok").ClickAsync();

            await Assertions.Expect(page.Locator("#flash")).ToHaveTextAsync("Abort requested");
            var done = await _app.Client.WaitForInstanceCompletionAsync(_main + ":production", getInputsAndOutputs: true, new CancellationTokenSource(Within).Token);
            Assert.Equal("aborted by lead@example.com: error rate climbing", done.ReadOutputAs<string>());
            await Assertions.Expect(page.Locator("#live-stage")).ToHaveTextAsync("rolled-back", new() { Timeout = 15_000 });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Emergency_rollback_goes_through_the_confirmation_to_the_rollback_api()
    {
        var page = await chromium.NewPageAsync();
        try
        {
            await _app.SignInAsync(page, "dashboard/pipelines/" + Uri.EscapeDataString(_main));
            await page.Locator("button[data-action='rollback']").ClickAsync();
            Assert.Equal("Emergency rollback of production?", await page.Locator("#confirm-title").InnerTextAsync());
            await page.Locator("#confirm-note").FillAsync("checkout broken");
            await page.Locator("#confirm-ok").ClickAsync();

            await Assertions.Expect(page.Locator("#flash")).ToHaveTextAsync("Rollback started");
            var rollback = Assert.Single(_app.Rollbacks.Started);
            Assert.Equal(("acme/shop", "production", "all", "checkout broken", "lead@example.com"), (rollback.Repository.FullName, rollback.Environment, rollback.Scope, rollback.Reason, rollback.RequestedBy));
            Assert.Null(rollback.TargetRelease);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_live_view_follows_the_canary_without_a_reload()
    {
        var page = await chromium.NewPageAsync();
        try
        {
            await page.SetViewportSizeAsync(1280, 900);
            await _app.SignInAsync(page, "dashboard/pipelines/" + Uri.EscapeDataString(_main));
            Assert.Equal("awaiting-approval", await page.Locator("#live-stage").InnerTextAsync());
            Assert.Equal("0%", await page.Locator("#live-traffic").InnerTextAsync());
            await page.EvaluateAsync("() => { window.sameDocument = true; }");

            await _app.Client.RaiseEventAsync(_main + ":production", PipelineEvents.Approval, new ApprovalDecision(true, "lead@example.com", DateTimeOffset.UtcNow));
            await Assertions.Expect(page.Locator("#live-traffic")).ToHaveTextAsync("5%", new() { Timeout = 15_000 });
            Assert.Equal("stage 1: soaking", await page.Locator("#live-stage").InnerTextAsync());

            foreach (var (percent, stage) in new[] { (25, "stage 2: soaking"), (50, "stage 3: soaking") })
            {
                await _app.Client.RaiseEventAsync(_main + ":production", StandInCanary.Advance, 1);
                await Assertions.Expect(page.Locator("#live-traffic")).ToHaveTextAsync($"{percent}%", new() { Timeout = 15_000 });
                Assert.Equal(stage, await page.Locator("#live-stage").InnerTextAsync());
                Assert.Equal(percent.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#traffic-chart").GetAttributeAsync("data-last"));
            }

            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page reloaded instead of updating in place");
            Assert.Equal("stage 3: soaking", await page.Locator($"#runs tr[data-run='{_main}:production'] td:nth-child(3)").InnerTextAsync());
            var points = int.Parse((await page.Locator("#traffic-chart path.series").GetAttributeAsync("data-points"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(points >= 3, $"the traffic chart has {points} points after three canary steps");

            var errorRate = page.Locator("#metric-error-rate");
            Assert.Contains("threshold 0.02", await errorRate.Locator("figcaption").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await errorRate.Locator("line.threshold").CountAsync());
            Assert.Equal("0.01", await errorRate.Locator("svg").GetAttributeAsync("data-last"));
            Assert.Equal(3, await errorRate.Locator("circle.point.ok").CountAsync());
            Assert.Equal(1, await page.Locator("#metric-p95-latency-ms line.threshold").CountAsync());
            Assert.Equal("judge: ok · p 0.21 · shift +10 (+5.7%) · n 60/60", await page.Locator("#metric-p95-latency-ms figcaption .judge").InnerTextAsync());

            // The dry-run metric beside the live ones: marked, with what it would have decided, in a muted badge.
            var dryRun = page.Locator("#live-checks tr.dry-run");
            Assert.Equal(1, await dryRun.CountAsync());
            Assert.Equal("p99-latency-ms dry run", await dryRun.Locator("td").First.InnerTextAsync());
            Assert.Equal("470", await dryRun.Locator("td").Nth(1).InnerTextAsync());
            Assert.Equal("would breach", await dryRun.Locator(".badge").InnerTextAsync());
            Assert.Equal("badge tone-muted", await dryRun.Locator(".badge").GetAttributeAsync("class"));
            Assert.Equal("ok", await page.Locator("#live-checks tr:not(.dry-run) .badge").First.InnerTextAsync());
            Assert.Equal("p99-latency-ms (dry run)", await page.Locator("#metric-p99-latency-ms figcaption .name").InnerTextAsync());

            await SaveScreenshotAsync(page);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>
    /// The README's picture: always written to the test output; also to docs/images/dashboard.png when
    /// SOAKLINE_UPDATE_SCREENSHOT=1, so a developer refreshes the committed image on purpose only.
    /// </summary>
    private static async Task SaveScreenshotAsync(IPage page)
    {
        var output = Path.Combine(BuildLocations.OutputFolder, "dashboard.png");
        await page.ScreenshotAsync(new() { Path = output, FullPage = true });
        Assert.True(new FileInfo(output).Length > 10_000, $"screenshot {output} is nearly empty");
        if (Environment.GetEnvironmentVariable("SOAKLINE_UPDATE_SCREENSHOT") == "1")
        {
            var docs = Path.Combine(BuildLocations.RepositoryRoot, "docs", "images", "dashboard.png");
            Directory.CreateDirectory(Path.GetDirectoryName(docs)!);
            File.Copy(output, docs, overwrite: true);
        }
    }

    private async Task<PipelineStatus?> StatusAsync(string instanceId) =>
        (await _app.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))?.ReadCustomStatusAs<PipelineStatus>();

    /// <summary>The run's stage, or what went wrong, for a timeout message that explains itself.</summary>
    private async Task<string> DescribeAsync(string instanceId)
    {
        var instance = await _app.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        if (instance is null)
        {
            var parent = await _app.Client.GetInstanceAsync(_main, getInputsAndOutputs: true);
            return $"no run yet; pipeline {parent?.RuntimeStatus} {parent?.SerializedCustomStatus} {parent?.FailureDetails?.ErrorMessage}";
        }

        return $"{instance.ReadCustomStatusAs<PipelineStatus>()?.Stage} ({instance.RuntimeStatus} {instance.FailureDetails?.ErrorMessage})";
    }

    private async Task<string?> StageAsync(string instanceId) => (await StatusAsync(instanceId))?.Stage;
}
