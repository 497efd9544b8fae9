using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Api;
using Soakline.Functions.Hosting;
using Soakline.Functions.Watchdog;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// <c>GET /dashboard/pipelines/{id}</c>: one pipeline with its actions, the live canary view and its timeline
/// (<c>Slices/PipelineDetails.cshtml</c>). The page is complete as served; dashboard.js then polls
/// <c>GET /api/pipelines/{id}</c> and redraws the live view and charts.
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

        return HtmlPages.Render(Slices.PipelineDetails.Create(new PipelinePageModel(DashboardLinks.For(request), detail)));
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

    /// <summary>An environment run's traffic in the runs table: the applied share, and the requested one when the router applied another.</summary>
    internal static string TrafficCell(JsonElement? status)
    {
        if (status is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty("trafficPercent", out var t))
        {
            return "–";
        }

        var traffic = t.ToString();
        return PipelineFacts.Walk(status, "requestedPercent") is { ValueKind: JsonValueKind.Number } r && r.ToString() != traffic ? $"{traffic}% ({r}% requested)" : traffic + "%";
    }
}
