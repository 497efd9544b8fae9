using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Api;
using Soakline.Functions.Releases;
using Soakline.Functions.Watchdog;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// <c>GET /dashboard</c>: DORA figures, pending approvals, recent pipelines with their stage timelines, and incidents.
/// Everything comes from the API's own reads (<see cref="PipelineQueries"/>, <see cref="IDoraReport"/>) and the
/// recorded transitions.
/// </summary>
internal static class PipelinesPage
{
    public const int Shown = 25;
    public const int DoraDays = 30;
    public const string DoraEnvironment = "production";

    public static async Task<IResult> RenderAsync(HttpRequest request, DurableTaskClient client, IPipelineTimeline timeline, IReleaseStore store, IDoraReport dora, IStuckPipelineRecords stuck, TimeProvider clock, CancellationToken ct)
    {
        var links = DashboardLinks.For(request);
        var now = clock.GetUtcNow();
        var pipelines = await PipelineQueries.ListAsync(client, stuck, ReleaseInstanceIds.Prefix, null, Shown, ct);
        var details = new List<PipelineDetail>();
        foreach (var pipeline in pipelines)
        {
            if (await PipelineQueries.DetailAsync(client, timeline, stuck, pipeline.Id, ct) is { } detail)
            {
                details.Add(detail);
            }
        }

        var report = await dora.GetAsync(DoraEnvironment, now.AddDays(-DoraDays), now, ct);
        var incidents = (await store.GetTransitionsAsync(new TransitionQuery(From: now.AddDays(-DoraDays)), ct))
            .Where(t => StatusTone.IncidentKinds.Contains(t.Kind.ToString()))
            .OrderByDescending(t => t.At)
            .Take(20)
            .ToList();

        var body = new StringBuilder()
            .Append("<h1>Releases</h1>")
            .Append(DoraSection(report))
            .Append(ApprovalsSection(details, links))
            .Append(PipelinesSection(details, links))
            .Append(IncidentsSection(incidents, links));
        return Html.Page(links, "Releases", body.ToString(), "data-page=\"pipelines\"");
    }

    private static string DoraSection(DoraReport report)
    {
        static string Card(string id, string label, string value, string hint) =>
            $"<div class=\"card figure\" id=\"{id}\"><div class=\"label\">{Html.E(label)}</div><div class=\"value\">{Html.E(value)}</div><div class=\"hint\">{Html.E(hint)}</div></div>";

        static string Hours(double? h) => h is null ? "–" : h < 1 ? $"{h * 60:0} min" : $"{h:0.#} h";

        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<section aria-labelledby=\"dora-title\"><h2 id=\"dora-title\">DORA · {Html.E(report.Environment)} · last {DoraDays} days</h2><div class=\"figures\" id=\"dora\">")
            .Append(Card("dora-frequency", "Deployment frequency", report.DeploymentsPerDay.ToString("0.##", CultureInfo.InvariantCulture) + "/day", $"{report.Deployments} deployments"))
            .Append(Card("dora-lead-time", "Lead time (median)", Hours(report.MedianLeadTimeHours), "commit to production"))
            .Append(Card("dora-failure-rate", "Change failure rate", report.ChangeFailureRate is { } r ? r.ToString("0%", CultureInfo.InvariantCulture) : "–", $"{report.FailedChanges} failed changes"))
            .Append(Card("dora-restore", "Time to restore (median)", Hours(report.MedianTimeToRestoreHours), "failure to good release"))
            .Append("</div></section>")
            .ToString();
    }

    private static string ApprovalsSection(List<PipelineDetail> details, DashboardLinks links)
    {
        var pending = details
            .Where(d => d.Pipeline.RuntimeStatus == "Running" && d.EnvironmentRuns.Any(r => r.RuntimeStatus == "Running" && PipelineFacts.Text(r.Status, "stage") == "awaiting-approval"))
            .ToList();
        var html = new StringBuilder("<section aria-labelledby=\"approvals-title\"><h2 id=\"approvals-title\">Pending approvals</h2><div id=\"approvals\" class=\"list\">");
        if (pending.Count == 0)
        {
            html.Append("<p class=\"empty\">Nothing waits for a decision.</p>");
        }

        foreach (var detail in pending)
        {
            var facts = PipelineFacts.From(detail.Pipeline, detail.EnvironmentRuns);
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"card approval\" data-pipeline=\"{Html.E(facts.Id)}\">")
                .Append(CultureInfo.InvariantCulture, $"<div><a href=\"{Html.E(links.Pipeline(facts.Id))}\"><strong>{Html.E(facts.Repository)}</strong> · {Html.E(facts.Branch)} @ <code>{Html.E(facts.ShortSha)}</code></a>")
                .Append(CultureInfo.InvariantCulture, $"<div class=\"hint\">{Html.E(facts.Environment ?? "production")} · waiting since {Html.E(Html.Time(detail.Pipeline.LastUpdatedAt))}</div></div>")
                .Append(Actions.Decision(facts.Id))
                .Append("</div>");
        }

        return html.Append("</div></section>").ToString();
    }

    private static string PipelinesSection(List<PipelineDetail> details, DashboardLinks links)
    {
        var html = new StringBuilder("<section aria-labelledby=\"pipelines-title\"><h2 id=\"pipelines-title\">Pipelines</h2>")
            .Append("<table id=\"pipelines\"><thead><tr><th>Release</th><th>Status</th><th>Stage</th><th>Traffic</th><th>Timeline</th><th>Started</th></tr></thead><tbody>");
        if (details.Count == 0)
        {
            html.Append("<tr><td colspan=\"6\" class=\"empty\">No pipelines yet: push to a branch with a <code>.soakline.yml</code>.</td></tr>");
        }

        foreach (var detail in details)
        {
            var facts = PipelineFacts.From(detail.Pipeline, detail.EnvironmentRuns);
            html.Append(CultureInfo.InvariantCulture, $"<tr data-pipeline=\"{Html.E(facts.Id)}\">")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"{Html.E(links.Pipeline(facts.Id))}\"><strong>{Html.E(facts.Repository)}</strong><br><span class=\"hint\">{Html.E(facts.Branch)} @ <code>{Html.E(facts.ShortSha)}</code></span></a></td>")
                .Append(StatusCell(facts, detail.Pipeline.Outcome, detail.Pipeline.Stuck))
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.Badge(facts.Stage ?? "–", StatusTone.ForStage(facts.Stage))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{facts.TrafficPercent}%</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Timeline.Strip(detail.Timeline)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"hint\">{Html.E(Html.Time(facts.CreatedAt))}</td></tr>");
        }

        return html.Append("</tbody></table></section>").ToString();
    }

    /// <summary>A running pipeline's runtime status; a finished one's outcome, with its sentence on hover and below.</summary>
    private static string StatusCell(PipelineFacts facts, OutcomeSummary? outcome, StuckSummary? stuck) =>
        outcome is null
            ? $"<td>{Html.Badge(facts.RuntimeStatus, StatusTone.ForRuntime(facts.RuntimeStatus))}{StuckView.Cell(stuck)}</td>"
            : $"<td class=\"outcome\" title=\"{Html.E(outcome.Reason)}\">{Html.Badge(outcome.Status, StatusTone.ForOutcome(outcome.Status))}<br><span class=\"hint reason\">{Html.E(outcome.Reason)}</span></td>";

    private static string IncidentsSection(List<ReleaseTransition> incidents, DashboardLinks links)
    {
        var html = new StringBuilder("<section aria-labelledby=\"incidents-title\"><h2 id=\"incidents-title\">Incidents</h2><ul id=\"incidents\" class=\"events\">");
        if (incidents.Count == 0)
        {
            html.Append("<li class=\"empty\">No incidents in the last 30 days.</li>");
        }

        foreach (var t in incidents)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{Html.Badge(t.Kind.ToString(), StatusTone.ForKind(t.Kind.ToString()))} <span class=\"hint\">{Html.E(Html.Time(t.At))} · {Html.E(t.Environment)}</span> ")
                .Append(CultureInfo.InvariantCulture, $"<a href=\"{Html.E(links.Pipeline(t.PipelineId))}\">{Html.E(t.Detail)}</a></li>");
        }

        return html.Append("</ul></section>").ToString();
    }
}
