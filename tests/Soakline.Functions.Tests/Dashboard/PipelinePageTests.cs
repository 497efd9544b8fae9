using System.Text.Json;
using RazorSlices;
using Soakline.Functions.Api;
using Soakline.Functions.Dashboard;
using Soakline.Functions.Dashboard.Slices;
using Soakline.Functions.Hosting;
using Soakline.Pipeline.Analysis;

namespace Soakline.Functions.Tests.Dashboard;

/// <summary>What the pipeline page derives from an environment run's status: the rollback target and the traffic hint.</summary>
public sealed class PipelinePageTests
{
    private static PipelineSummary Run(object status, object? input = null) => new(
        "release:acme:shop:main:abc:production",
        "ProductionOrchestrator",
        "Completed",
        DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch,
        JsonSerializer.SerializeToElement(status, JsonSerializerOptions.Web),
        input is null ? null : JsonSerializer.SerializeToElement(input, JsonSerializerOptions.Web));

    [Fact]
    public void Only_a_pipeline_with_an_environment_run_has_an_environment_to_roll_back()
    {
        Assert.Null(PipelinePage.ReachedEnvironment(null));
        Assert.Equal("production", PipelinePage.ReachedEnvironment(Run(new { stage = "released", environment = "production" })));
        Assert.Equal("staging", PipelinePage.ReachedEnvironment(Run(new { stage = "starting" }, new { environment = "staging" })));
    }

    [Fact]
    public void The_traffic_hint_says_what_was_requested_when_the_router_applied_another_share()
    {
        Assert.Equal("5% requested", PipelinePage.TrafficHint(Run(new { trafficPercent = 50, requestedPercent = 5 }).Status));
        Assert.Equal("canary share", PipelinePage.TrafficHint(Run(new { trafficPercent = 25, requestedPercent = 25 }).Status));
        Assert.Equal("serving 20261123T080000Z-1abcdef", PipelinePage.TrafficHint(Run(new { trafficPercent = 0, serving = "20261123T080000Z-1abcdef" }).Status));
    }

    [Fact]
    public async Task The_live_checks_table_marks_a_dry_run_metric_with_what_it_would_have_decided_beside_the_live_ones()
    {
        var status = new Soakline.Pipeline.Orchestration.PipelineStatus("stage 1: soaking", "production", LastChecks:
        [
            new("error-rate", CheckStatus.Pass, 0.4, null, 5, "0.4 (limit 5, threshold > 5)"),
            new("latency-p99", CheckStatus.Breach, 812, null, 500, "812 (limit 500, threshold > 500)", DryRun: true),
            new("health web-1", CheckStatus.Unhealthy, 503, null, null, "unhealthy (503)"),
        ]);

        var html = await ChecksTableAsync(Run(status));

        Assert.Contains("<tr><td>error-rate</td><td class=\"num\">0.4</td><td class=\"num\">5</td><td><span class=\"badge tone-ok\">ok</span></td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"dry-run\"><td>latency-p99 <span class=\"hint\">dry run</span></td><td class=\"num\">812</td><td class=\"num\">500</td><td><span class=\"badge tone-muted\">would breach</span></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>health web-1</td><td class=\"num\">503</td><td class=\"num\">–</td><td><span class=\"badge tone-bad\">unhealthy</span></td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">breach<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_checks_table_says_when_there_is_no_analysis_yet() =>
        Assert.Contains("No analysis yet.", await ChecksTableAsync(Run(new { stage = "stage 1: deploying" })), StringComparison.Ordinal);

    [Fact]
    public async Task The_live_checks_table_encodes_what_the_checks_report()
    {
        var status = new { lastChecks = new[] { new { name = "<script>alert(1)</script>", status = 0, value = 1, limit = 2, detail = "a & b" } } };

        var html = await ChecksTableAsync(Run(status));

        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"hint\">a &amp; b</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    /// <summary>The live checks table as the page renders it (the same slice, the same encoder).</summary>
    private static async Task<string> ChecksTableAsync(PipelineSummary run) =>
        await ChecksTable.Create(run.Status ?? default).RenderAsync(HtmlPages.Encoder);
}
