using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Api;
using Soakline.Functions.Dashboard;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.Watchdog;

/// <summary>
/// The standalone app's own watchdog scheduler on the fake clock, without an incident tracker: the record it keeps is
/// what the API (<c>stuck</c>) and the dashboard (a "Stuck" badge and banner) show, until the pipeline moves. The
/// pipeline is a stand-in release orchestrator that publishes a due time and then waits on an event the test controls.
/// </summary>
public sealed class StuckPipelineViewTests : IAsyncLifetime
{
    private const string PipelineId = "release:acme:shop:main:0123456789abcdef0123456789abcdef01234567";

    private SoaklineAppFactory _app = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _app = new SoaklineAppFactory()
            .With("Soakline__Watchdog__Schedule", "0 * * * * *")
            .WithOrchestrators(registry => registry.AddOrchestratorFunc<string?, string>("ReleaseOrchestrator", async (context, _) =>
            {
                context.SetCustomStatus(new PipelineStatus("stage 1: soaking", "production", NextStepDue: context.CurrentUtcDateTime.AddMinutes(2)));
                await context.WaitForExternalEvent<string>("moved");
                context.SetCustomStatus(new PipelineStatus("stage 2: soaking", "production", NextStepDue: context.CurrentUtcDateTime.AddMinutes(30)));
                return await context.WaitForExternalEvent<string>("done");
            }));
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<PipelineDetail> DetailAsync() => _http.GetFromJsonAsync<PipelineDetail>($"/api/pipelines/{PipelineId}")!;

    private async Task<string> DashboardAsync(string path)
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var signIn = await browser.PostAsync(DashboardSignIn.SignInRoute, new FormUrlEncodedContent([new(DashboardSignIn.KeyField, TestSettings.ApiKey), new(DashboardSignIn.ReturnField, "/dashboard")]));
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        var page = new HttpRequestMessage(HttpMethod.Get, path);
        page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        page.Headers.Add("Cookie", cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
        return await (await browser.SendAsync(page)).Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_api_and_the_dashboard_show_stuck_since_and_why_until_the_pipeline_moves()
    {
        await _app.Client.ScheduleNewOrchestrationInstanceAsync("ReleaseOrchestrator", null, new StartOrchestrationOptions(PipelineId));
        await _app.IdleAsync();
        var due = SoaklineAppFactory.Start.AddMinutes(2);

        // Past the due time plus the default 5-minute grace: the scheduler's next minute finds it.
        _app.Clock.Advance(TimeSpan.FromMinutes(8));
        var stuck = (await Eventually.MatchAsync(DetailAsync, d => d.Pipeline.Stuck is not null, "the watchdog to mark the pipeline stuck")).Pipeline.Stuck!;

        Assert.Equal(due, stuck.Since);
        Assert.Equal(PipelineId, stuck.InstanceId);
        Assert.Equal($"{PipelineId} (stage 1: soaking): the soak's next analysis (or its end) was due at 2026-11-23 07:52:00 UTC and has not happened.", stuck.Reason);
        Assert.Null(stuck.Incident);
        var listed = Assert.Single((await _http.GetFromJsonAsync<List<PipelineSummary>>("/api/pipelines"))!, p => p.Id == PipelineId);
        Assert.Equal(stuck, listed.Stuck);
        var list = await DashboardAsync("/dashboard");
        Assert.Contains(">Stuck</span>", list, StringComparison.Ordinal);
        Assert.Contains("stuck since 2026-11-23 07:52:00 UTC", list, StringComparison.Ordinal);
        var page = await DashboardAsync("/dashboard/pipelines/" + Uri.EscapeDataString(PipelineId));
        Assert.Contains("id=\"stuck\"", page, StringComparison.Ordinal);
        Assert.Contains("stuck since 2026-11-23 07:52:00 UTC: " + PipelineId + " (stage 1: soaking)", page, StringComparison.Ordinal);

        await _app.Client.RaiseEventAsync(PipelineId, "moved", "go");
        await _app.IdleAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.MatchAsync(DetailAsync, d => d.Pipeline.Stuck is null, "the watchdog to see the pipeline move");

        Assert.DoesNotContain(">Stuck</span>", await DashboardAsync("/dashboard"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"stuck\"", await DashboardAsync("/dashboard/pipelines/" + Uri.EscapeDataString(PipelineId)), StringComparison.Ordinal);
    }
}
