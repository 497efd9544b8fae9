using Soakline.Cli.Tests.Infrastructure;

namespace Soakline.Cli.Tests;

/// <summary><c>soakline pipelines</c> and <c>soakline get</c> show what the app's watchdog says about a stuck pipeline.</summary>
public sealed class StuckPipelineCliTests : IAsyncLifetime
{
    private const string Reason = "release:demo:shop:main:0123456789abcdef0123456789abcdef01234567:production (stage 1: soaking): the soak's next analysis (or its end) was due at 2026-12-06 21:04:00 UTC and has not happened.";

    private FakeSoaklineApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeSoaklineApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private string[] Args(params string[] args) => [.. args, "--url", _api.BaseUrl.AbsoluteUri, "--api-key", FakeSoaklineApi.Key];

    [Fact]
    public async Task The_list_marks_a_stuck_pipeline_and_says_since_when_and_why_under_the_table()
    {
        _api.ListBody = ApiJson.Serialize(new[]
        {
            ApiJson.Summary(ApiJson.Id, "Running", ApiJson.Status("production", "production"), input: ApiJson.Push(), stuck: ApiJson.Stuck(Reason)),
            ApiJson.Summary("release:demo:shop:develop:fedcba9876543210fedcba9876543210fedcba98", "Running", ApiJson.Status("staging", "staging"), input: ApiJson.Push(branch: "develop", sha: "fedcba9876543210fedcba9876543210fedcba98")),
        });

        var run = await CliRun.StartAsync(Args("pipelines"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = string.Join(' ', run.Out.Split('\n').Select(l => l.Trim()));
        Assert.Contains($"{ApiJson.Id}: stuck since 2026-12-06 21:04:00 UTC: release:demo:shop:main:", text, StringComparison.Ordinal);
        Assert.Contains("was due at 2026-12-06 21:04:00 UTC and has not happened.", text, StringComparison.Ordinal);
        // The status cell's badge (the sentences below the table say "stuck" in lower case).
        Assert.Single(run.Out.Split('\n'), l => l.Contains("Stuck", StringComparison.Ordinal));
        Assert.DoesNotContain("fedcba9876543210fedcba9876543210fedcba98: stuck", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_shows_the_stuck_line_with_the_incident_and_nothing_once_it_moves()
    {
        var production = ApiJson.Status("stage 1: soaking", "production", traffic: 5, soak: "00:20:00");
        var stuck = ApiJson.Serialize(new
        {
            pipeline = ApiJson.Summary(ApiJson.Id, "Running", ApiJson.Status("production", "production"), input: ApiJson.Push(), stuck: ApiJson.Stuck(Reason)),
            environmentRuns = new[] { ApiJson.Summary(ApiJson.Id + ":production", "Running", production, "ProductionOrchestrator") },
            timeline = Array.Empty<object>(),
        });
        _api.Script(ApiJson.Id, stuck);

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id));

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = string.Join(' ', run.Out.Split('\n').Select(l => l.Trim()));
        Assert.Contains("Stuck since 2026-12-06 21:04:00 UTC: release:demo:shop:main:", text, StringComparison.Ordinal);
        Assert.Contains("(incident: https://github.com/demo/ops/issues/7)", text, StringComparison.Ordinal);

        _api.Script(ApiJson.Id, ApiJson.Detail("Running", ApiJson.Status("production", "production"), production));
        var moved = await CliRun.StartAsync(Args("get", ApiJson.Id));

        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.DoesNotContain("tuck since", moved.Out, StringComparison.Ordinal);
    }
}
