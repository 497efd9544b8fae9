using Microsoft.DurableTask.Client;
using Microsoft.Playwright;
using Soakline.EndToEnd.Tests.Infrastructure;
using Soakline.Pipeline.Orchestration;

namespace Soakline.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard over the real pipeline: the real release and production orchestrators run in the app (ports faked,
/// clock moved by the test). Approving through the button starts the real canary, and the open page follows it from
/// 5% to 25% without a reload, charting the real analysis checks against their limits.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RealCanaryDashboardTests(ChromiumFixture chromium) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private const string Sha = "2bcdef0123456789abcdef0123456789abcdef01";

    private RealCanaryApp _app = null!;
    private string _pipeline = null!;

    private string ProductionRun => _pipeline + ":production";

    public async Task InitializeAsync()
    {
        _app = new RealCanaryApp();
        _app.StartServer();
        await chromium.Context.ClearCookiesAsync();
        _pipeline = await _app.PushToMainAsync(Sha);
        await Eventually.MatchAsync(() => StageAsync(ProductionRun), s => s == "awaiting-approval", Within, "the real pipeline waits for approval in production");
    }

    /// <summary>The app stops in <see cref="Dispose"/>, which xunit calls right after this.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task Approving_in_the_dashboard_starts_the_real_canary_and_the_open_page_follows_it()
    {
        var page = await chromium.NewPageAsync();
        try
        {
            await _app.SignInAsync(page, "dashboard/pipelines/" + Uri.EscapeDataString(_pipeline));
            Assert.Equal("awaiting-approval", await page.Locator("#live-stage").InnerTextAsync());

            await page.Locator(".toolbar button[data-action='approve']").ClickAsync();
            await page.EvaluateAsync("() => { window.sameDocument = true; }");
            await page.Locator("#confirm-ok").ClickAsync();
            await Assertions.Expect(page.Locator("#flash")).ToHaveTextAsync("Approved");

            await MoveTimeUntilAsync(page, "5%");
            Assert.Equal("stage 1: soaking", await page.Locator("#live-stage").InnerTextAsync());

            // The page charts the analyses its polls see; the clock must not run past them before the page looked.
            await MoveTimeUntilAnalysedAsync();
            await Assertions.Expect(page.Locator("#metric-charts figure").First).ToBeVisibleAsync(new() { Timeout = (float)Within.TotalMilliseconds });
            await MoveTimeUntilAsync(page, "25%");

            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page reloaded instead of updating in place");
            Assert.Equal("25", await page.Locator("#traffic-chart").GetAttributeAsync("data-last"));
            Assert.True(await page.Locator("#metric-charts figure").CountAsync() >= 1, "no metric chart after analyses ran");
            Assert.True(await page.Locator("#metric-charts line.threshold").CountAsync() >= 1, "no metric is drawn against its threshold");
            var status = (await _app.Client.GetInstanceAsync(ProductionRun, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!;
            Assert.Equal(25, status.TrafficPercent);
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await _app.Client.GetInstanceAsync(_pipeline))!.RuntimeStatus);

            await page.SetViewportSizeAsync(1280, 900);
            var screenshot = Path.Combine(BuildLocations.OutputFolder, "dashboard-real-canary.png");
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            Assert.True(new FileInfo(screenshot).Length > 10_000, $"screenshot {screenshot} is nearly empty");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>
    /// Moves the fake clock a minute at a time (the soak's timers), each time until the engine is idle again (the
    /// timers it fired and their work done), until the production run reports the traffic share; then waits for the
    /// open page, which polls the API, to show it. No wall-clock pause: each step waits on observable state.
    /// </summary>
    private async Task MoveTimeUntilAsync(IPage page, string traffic)
    {
        var percent = int.Parse(traffic.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow + Within;
        while (await TrafficAsync() != percent)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the run never reached {traffic}; it is at {await TrafficAsync()}% (run: {await StageAsync(ProductionRun)}); history: {await HistoryAsync()}");
            }

            _app.Clock.Advance(TimeSpan.FromMinutes(1));
            await _app.IdleAsync();
        }

        await Assertions.Expect(page.Locator("#live-traffic")).ToHaveTextAsync(traffic, new() { Timeout = (float)Within.TotalMilliseconds });
    }

    /// <summary>Moves the fake clock a minute at a time until the production run's status carries an analysis's checks.</summary>
    private async Task MoveTimeUntilAnalysedAsync()
    {
        var deadline = DateTime.UtcNow + Within;
        while ((await StatusAsync())?.LastChecks is not { Count: > 0 })
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no analysis reported its checks (run: {await StageAsync(ProductionRun)}); history: {await HistoryAsync()}");
            }

            _app.Clock.Advance(TimeSpan.FromMinutes(1));
            await _app.IdleAsync();
        }
    }

    private async Task<PipelineStatus?> StatusAsync() =>
        (await _app.Client.GetInstanceAsync(ProductionRun, getInputsAndOutputs: true))?.ReadCustomStatusAs<PipelineStatus>();

    private async Task<int?> TrafficAsync() =>
        (await _app.Client.GetInstanceAsync(ProductionRun, getInputsAndOutputs: true))?.ReadCustomStatusAs<PipelineStatus>()?.TrafficPercent;

    private async Task<string> HistoryAsync()
    {
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Soakline.Pipeline.Ports.IReleaseStore>(_app.Services);
        var transitions = await store.GetTransitionsAsync(new Soakline.Pipeline.Ports.TransitionQuery(PipelineId: _pipeline), CancellationToken.None);
        return string.Join(" | ", transitions.Select(t => $"{t.Kind}: {t.Detail}"));
    }

    private async Task<string?> StageAsync(string instanceId) =>
        (await _app.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))?.ReadCustomStatusAs<PipelineStatus>()?.Stage;
}
