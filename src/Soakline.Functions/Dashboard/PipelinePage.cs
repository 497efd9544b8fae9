using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Api;
using Soakline.Functions.Watchdog;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// <c>GET /dashboard/pipelines/{id}</c>: one pipeline with its actions, the live canary view and its timeline. The page
/// is complete as served; dashboard.js then polls <c>GET /api/pipelines/{id}</c> and redraws the live view and charts.
/// </summary>
internal static class PipelinePage
{
    public const int PollMilliseconds = 2000;

    public static async Task<IResult> RenderAsync(string id, HttpRequest request, DurableTaskClient client, IPipelineTimeline timeline, IStuckPipelineRecords stuck, CancellationToken ct)
    {
        var detail = await PipelineQueries.DetailAsync(client, timeline, stuck, id, ct);
        if (detail is null)
        {
            return ApiProblems.NoSuchPipeline(id);
        }

        var links = DashboardLinks.For(request);
        var facts = PipelineFacts.From(detail.Pipeline, detail.EnvironmentRuns);
        var current = PipelineFacts.CurrentRun(detail.EnvironmentRuns);
        var running = facts.RuntimeStatus == "Running";
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p class=\"crumbs\"><a href=\"{Html.E(links.Home)}\">Releases</a> / <code>{Html.E(facts.Id)}</code></p>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{Html.E(facts.Repository)} <span class=\"hint\">{Html.E(facts.Branch)} @ <code>{Html.E(facts.ShortSha)}</code></span></h1>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"toolbar\"><span id=\"runtime-status\">{Html.Badge(facts.RuntimeStatus, StatusTone.ForRuntime(facts.RuntimeStatus))}</span>")
            .Append("<div class=\"buttons\">")
            .Append(running ? Actions.Decision(facts.Id) + Actions.Abort(facts.Id) : string.Empty)
            .Append(ReachedEnvironment(current) is { } reached && facts.Repository.Length > 0 ? Actions.Rollback(facts.Repository, reached) : string.Empty)
            .Append("</div></div>")
            .Append(OutcomeLine(detail.Pipeline.Outcome))
            .Append(StuckView.Banner(detail.Pipeline.Stuck))
            .Append(LiveSection(facts, current))
            .Append(RunsSection(detail.EnvironmentRuns))
            .Append("<section aria-labelledby=\"timeline-title\"><h2 id=\"timeline-title\">Timeline</h2>")
            .Append(Timeline.List(detail.Timeline))
            .Append("</section>");
        var api = "/api/pipelines/" + Uri.EscapeDataString(facts.Id);
        return Html.Page(links, facts.Repository + " " + facts.ShortSha, body.ToString(), $"data-page=\"pipeline\" data-api=\"{Html.E(api)}\" data-poll-ms=\"{PollMilliseconds}\"");
    }

    /// <summary>
    /// The environment the pipeline's run worked on; null when it never reached one (ignored, invalid spec, refused,
    /// gate failed), for which an emergency rollback would have nothing of this pipeline to undo.
    /// </summary>
    internal static string? ReachedEnvironment(PipelineSummary? run) =>
        run is null ? null : PipelineFacts.Text(run.Status, "environment") ?? PipelineFacts.Text(run.Input, "environment");

    /// <summary>Under the traffic figure: the share the stage asked for when the router applied another, or what serves after the end.</summary>
    internal static string TrafficHint(JsonElement? status)
    {
        var traffic = PipelineFacts.Number(status, "trafficPercent");
        if (PipelineFacts.Walk(status, "requestedPercent") is { ValueKind: JsonValueKind.Number } r && r.TryGetInt32(out var requested) && requested != traffic)
        {
            return $"{requested}% requested";
        }

        return PipelineFacts.Text(status, "serving") is { } serving ? $"serving {serving}" : "canary share";
    }

    /// <summary>How the pipeline ended, typed and in a sentence; an empty placeholder while it runs (dashboard.js fills it).</summary>
    internal static string OutcomeLine(OutcomeSummary? outcome) =>
        outcome is null
            ? "<p id=\"outcome\" class=\"outcome\" hidden></p>"
            : $"<p id=\"outcome\" class=\"outcome\">{Html.Badge(outcome.Status, StatusTone.ForOutcome(outcome.Status))} <span class=\"reason\">{Html.E(outcome.Reason)}</span></p>";

    private static string LiveSection(PipelineFacts facts, PipelineSummary? run)
    {
        // A countdown belongs to a running stage; a finished run's status has none, and an old one's is ignored.
        var soak = run?.RuntimeStatus == "Running" ? PipelineFacts.Text(run.Status, "soakRemaining") : null;
        var analysis = PipelineFacts.Text(run?.Status, "lastAnalysis");
        return new StringBuilder("<section aria-labelledby=\"live-title\"><h2 id=\"live-title\">Live canary <span class=\"pulse\" title=\"refreshes every few seconds\"></span></h2>")
            .Append("<div class=\"figures\">")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"card figure\"><div class=\"label\">Stage</div><div class=\"value\" id=\"live-stage\">{Html.E(facts.Stage ?? "–")}</div><div class=\"hint\" id=\"live-environment\">{Html.E(facts.Environment ?? string.Empty)}</div></div>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"card figure\"><div class=\"label\">Traffic to the new release</div><div class=\"value\" id=\"live-traffic\">{facts.TrafficPercent}%</div><div class=\"hint\" id=\"live-traffic-hint\">{Html.E(TrafficHint(run?.Status))}</div></div>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"card figure\"><div class=\"label\">Soak remaining</div><div class=\"value\" id=\"live-soak\">{Html.E(soak ?? "–")}</div><div class=\"hint\">current stage</div></div>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"card figure\"><div class=\"label\">Last analysis</div><div class=\"value small\" id=\"live-analysis\">{Html.E(analysis ?? "–")}</div></div>")
            .Append("</div>")
            .Append(LiveChecks.Table(run?.Status))
            .Append("<div class=\"charts\"><figure class=\"card chart\"><figcaption>Traffic % over time</figcaption><svg id=\"traffic-chart\" viewBox=\"0 0 600 180\" role=\"img\" aria-label=\"traffic percent over time\"></svg></figure>")
            .Append("<div id=\"metric-charts\" class=\"metric-charts\"></div></div>")
            .Append("</section>")
            .ToString();
    }

    private static string TrafficCell(string traffic, JsonElement? status) =>
        PipelineFacts.Walk(status, "requestedPercent") is { ValueKind: JsonValueKind.Number } r && r.ToString() != traffic ? $"{traffic}% ({r}% requested)" : traffic + "%";

    private static string RunsSection(IReadOnlyList<PipelineSummary> runs)
    {
        var html = new StringBuilder("<section aria-labelledby=\"runs-title\"><h2 id=\"runs-title\">Environment runs</h2><table id=\"runs\"><thead><tr><th>Run</th><th>Status</th><th>Stage</th><th>Traffic</th><th>Updated</th></tr></thead><tbody>");
        if (runs.Count == 0)
        {
            html.Append("<tr><td colspan=\"5\" class=\"empty\">No environment run yet.</td></tr>");
        }

        foreach (var run in runs.OrderBy(r => r.CreatedAt))
        {
            var stage = PipelineFacts.Text(run.Status, "stage");
            var traffic = run.Status is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("trafficPercent", out var t) ? TrafficCell(t.ToString(), run.Status) : "–";
            html.Append(CultureInfo.InvariantCulture, $"<tr data-run=\"{Html.E(run.Id)}\"><td><code>{Html.E(run.Id)}</code></td><td>{Html.Badge(run.RuntimeStatus, StatusTone.ForRuntime(run.RuntimeStatus))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.Badge(stage ?? "–", StatusTone.ForStage(stage))}</td><td class=\"num\">{Html.E(traffic)}</td><td class=\"hint\">{Html.E(Html.Time(run.LastUpdatedAt))}</td></tr>");
        }

        return html.Append("</tbody></table></section>").ToString();
    }
}
