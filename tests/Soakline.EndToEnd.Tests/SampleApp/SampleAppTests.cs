using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Soakline.EndToEnd.Tests.Infrastructure;
using Soakline.Integrations.Tests.Fixtures;

namespace Soakline.EndToEnd.Tests.SampleApp;

/// <summary>The demo's sample app as a real process: its page in real Chromium, its health and its failure switch.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class SampleAppTests(ChromiumFixture chromium) : IDisposable
{
    private const string ReleaseId = "20261123T120000Z-1a2b3c4";
    private const string Commit = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

    private readonly TempDirectory _release = new("sample-release");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task The_page_shows_the_release_version_and_commit_in_Chromium()
    {
        WriteRelease(version: "2.3.0");
        await using var app = await StartAsync();

        var page = await chromium.NewPageAsync();
        try
        {
            var response = await page.GotoAsync(app.BaseAddress.ToString());
            Assert.Equal(200, response?.Status);
            Assert.Equal(ReleaseId, await page.Locator("#release-id").InnerTextAsync());
            Assert.Equal("2.3.0", await page.Locator("#version").InnerTextAsync());
            Assert.Equal(Commit, await page.Locator("#commit").InnerTextAsync());
            Assert.Equal("healthy", await page.Locator("#status").InnerTextAsync());
            Assert.Contains("2.3.0", await page.TitleAsync(), StringComparison.Ordinal);

            var screenshot = Path.Combine(BuildLocations.OutputFolder, "sample-app.png");
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            Assert.True(new FileInfo(screenshot).Length > 1000, $"screenshot {screenshot} is empty");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_FAIL_marker_turns_health_to_503_and_work_to_500_and_removing_it_recovers()
    {
        WriteRelease();
        await using var app = await StartAsync();

        using (var healthy = await _http.GetAsync(new Uri(app.BaseAddress, "health")))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal(ReleaseId, (await healthy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("release").GetString());
        }

        using (var work = await _http.GetAsync(new Uri(app.BaseAddress, "api/work")))
        {
            Assert.Equal(HttpStatusCode.OK, work.StatusCode);
            Assert.True((await work.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());
        }

        await File.WriteAllTextAsync(_release.Combine("FAIL"), "");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOfAsync(app, "health"));
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusOfAsync(app, "api/work"));

        var page = await chromium.NewPageAsync();
        try
        {
            await page.GotoAsync(app.BaseAddress.ToString());
            Assert.Equal("failing", await page.Locator("#status").InnerTextAsync());
        }
        finally
        {
            await page.CloseAsync();
        }

        File.Delete(_release.Combine("FAIL"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(app, "health"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(app, "api/work"));
    }

    [Fact]
    public async Task SAMPLE_FAIL_AFTER_lets_the_release_start_healthy_and_fail_later()
    {
        WriteRelease();
        await using var app = await StartAsync(new() { ["SAMPLE_FAIL_AFTER"] = "3" });

        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(app, "health"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(app, "api/work"));
        await Eventually.MatchAsync(() => StatusOfAsync(app, "health"), s => s == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15), "health after SAMPLE_FAIL_AFTER=3");
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusOfAsync(app, "api/work"));
    }

    [Fact]
    public async Task A_FAIL_AFTER_file_committed_with_the_release_makes_it_fail_while_it_soaks()
    {
        WriteRelease();
        await File.WriteAllTextAsync(_release.Combine("FAIL_AFTER"), "2\n");
        await using var app = await StartAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(app, "health"));
        await Eventually.MatchAsync(() => StatusOfAsync(app, "api/work"), s => s == HttpStatusCode.InternalServerError, TimeSpan.FromSeconds(15), "api/work after FAIL_AFTER=2");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOfAsync(app, "health"));
    }

    [Fact]
    public async Task Work_latency_and_error_rate_follow_their_settings_while_health_stays_green()
    {
        WriteRelease();
        await using var app = await StartAsync(new() { ["SAMPLE_WORK_LATENCY_MS"] = "300", ["SAMPLE_WORK_ERROR_RATE"] = "1" });

        var watch = Stopwatch.StartNew();
        using var work = await _http.GetAsync(new Uri(app.BaseAddress, "api/work"));
        watch.Stop();
        Assert.Equal(HttpStatusCode.InternalServerError, work.StatusCode);
        var answer = await work.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("ok").GetBoolean());
        Assert.Equal(300, answer.GetProperty("latencyMs").GetDouble());
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered after {watch.Elapsed}, before the configured 300 ms");
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(app, "health"));
    }

    [Fact]
    public async Task A_malformed_setting_stops_the_start_and_names_the_variable()
    {
        WriteRelease();
        await using var app = await StartAsync(new() { ["SAMPLE_WORK_ERROR_RATE"] = "lots" });

        Assert.NotEqual(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("SAMPLE_WORK_ERROR_RATE: 'lots' is not a number from 0 to 1", app.Output, StringComparison.Ordinal);
    }

    private void WriteRelease(string version = "1.0.0")
    {
        File.WriteAllText(_release.Combine("REVISION"), Commit + "\n");
        File.WriteAllText(_release.Combine("VERSION"), version + "\n");
    }

    private Task<SampleAppProcess> StartAsync(Dictionary<string, string>? environment = null)
    {
        environment ??= [];
        environment["SOAKLINE_RELEASE"] = ReleaseId;
        return SampleAppProcess.StartAsync(_release.Path, environment);
    }

    private async Task<HttpStatusCode> StatusOfAsync(SampleAppProcess app, string path)
    {
        using var response = await _http.GetAsync(new Uri(app.BaseAddress, path));
        return response.StatusCode;
    }

    public void Dispose()
    {
        _http.Dispose();
        _release.Dispose();
    }
}
