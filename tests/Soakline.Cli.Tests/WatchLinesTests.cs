using System.Text.Json;
using Soakline.Cli.Tests.Infrastructure;

namespace Soakline.Cli.Tests;

/// <summary>The line view that programs polling the API themselves (the demo) print: the same as the CLI's.</summary>
public sealed class WatchLinesTests
{
    [Fact]
    public void Returns_only_what_each_answer_adds_and_the_ending()
    {
        var lines = new WatchLines();
        var soaking = ApiJson.Detail("Running", ApiJson.Status("production", "production"), ApiJson.Status("stage 1: soaking", "production", traffic: 5, soak: "00:00:10"), "Running",
            ApiJson.Entry("StageStarted", "production", "stage 1: 5%"));

        var first = lines.Next(JsonDocument.Parse(soaking).RootElement);
        var again = lines.Next(JsonDocument.Parse(soaking).RootElement);
        var ended = lines.Next(JsonDocument.Parse(ApiJson.Ended("RolledBack", "error-rate breached")).RootElement);

        Assert.Contains(first, l => l.Contains("StageStarted: stage 1: 5%", StringComparison.Ordinal));
        Assert.Contains(first, l => l.Contains("stage 1: soaking · traffic 5% · soak 0:10 left", StringComparison.Ordinal));
        Assert.Empty(again);
        Assert.Equal("ended: RolledBack: error-rate breached (exit 11)", ended[^1]);
    }

    [Fact]
    public void A_judged_metric_shows_its_verdict_p_shift_and_sample_counts_on_its_line()
    {
        var judged = ApiJson.Detail("Running", ApiJson.Status("production", "production"), ApiJson.Status(
            "stage 1: soaking", "production", traffic: 5, soak: "00:00:10",
            checks: [ApiJson.Check("latency", 4, 0.26, 5, judge: ApiJson.Judge(1, 60, 60, 0.00012, 0.06, 0.3))]));

        var lines = new WatchLines().Next(JsonDocument.Parse(judged).RootElement);

        Assert.Contains(lines, l => l.Contains("latency 0.26/5 JUDGE: WORSE [judge worse p 0.0001 shift +0.06 (+30%) n 60/60]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_soak_at_its_end_says_so_instead_of_a_countdown()
    {
        var ending = ApiJson.Detail("Running", ApiJson.Status("production", "production"), ApiJson.Status("stage 4: soaking", "production", traffic: 100, soak: "00:00:00"));

        var lines = new WatchLines().Next(JsonDocument.Parse(ending).RootElement);

        Assert.Contains(lines, l => l.EndsWith("stage 4: soaking · traffic 100% · soak ending", StringComparison.Ordinal));
    }

    [Fact]
    public void Traffic_is_the_share_the_router_applied_with_the_requested_one_when_they_differ()
    {
        var soaking = ApiJson.Detail("Running", ApiJson.Status("production", "production"), ApiJson.Status("stage 1: soaking", "production", traffic: 50, requested: 5, soak: "00:00:10"));

        var lines = new WatchLines().Next(JsonDocument.Parse(soaking).RootElement);

        Assert.Contains(lines, l => l.Contains("stage 1: soaking · traffic 50% (5% requested) · soak 0:10 left", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rolled_back_run_says_which_release_serves_and_no_soak()
    {
        var ended = ApiJson.Detail(
            "Completed",
            ApiJson.Status("rolled-back", "production", "20261206T220000Z-0123456", detail: "RolledBack: breached", serving: "20261205T100000Z-fedcba9"),
            ApiJson.Status("rolled-back", "production", "20261206T220000Z-0123456", serving: "20261205T100000Z-fedcba9"),
            "Completed");

        var lines = new WatchLines().Next(JsonDocument.Parse(ended).RootElement);

        Assert.Contains(lines, l => l.Contains("rolled-back · 20261206T220000Z-0123456 · serving 20261205T100000Z-fedcba9", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("traffic", StringComparison.Ordinal) || l.Contains("soak", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dry_run_metric_is_on_the_run_line_beside_the_live_ones_with_what_it_would_have_decided()
    {
        var soaking = ApiJson.Detail("Running", ApiJson.Status("production", "production"), ApiJson.Status("stage 1: soaking", "production", traffic: 5, soak: "00:00:10",
            checks: [ApiJson.Check("error-rate", 0, 0.4, 5), ApiJson.Check("latency-p99", 1, 812, 500, dryRun: true), ApiJson.Check("latency-p50", 2, null, 200, dryRun: true)]));

        var lines = new WatchLines().Next(JsonDocument.Parse(soaking).RootElement);

        Assert.Contains(lines, l => l.EndsWith("error-rate 0.4/5 ok, latency-p99 (dry run) 812/500 would breach, latency-p50 (dry run) –/200 would fail on no data", StringComparison.Ordinal));
    }

    [Fact]
    public void An_answer_that_is_not_a_pipeline_is_refused() =>
        Assert.Throws<JsonException>(() => new WatchLines().Next(JsonDocument.Parse("""{"pipeline": 5}""").RootElement));
}
