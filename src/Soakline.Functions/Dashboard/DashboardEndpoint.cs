using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Soakline.Durable;
using Soakline.Functions.Api;
using Soakline.Functions.Releases;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// <c>GET /dashboard</c>: a minimal server-rendered list of recent pipelines and their status, protected like the API.
/// The full dashboard (stage timelines, live canary charts, approvals, actions) replaces it with issue 8.
/// </summary>
public static class DashboardEndpoint
{
    public const string Route = "/dashboard";

    public static RouteHandlerBuilder MapDashboard(this IEndpointRouteBuilder endpoints) => endpoints.MapGet(Route, RenderAsync);

    private static async Task<IResult> RenderAsync(DurableTaskClient client, CancellationToken ct)
    {
        var rows = new StringBuilder();
        var query = new OrchestrationQuery(InstanceIdPrefix: ReleaseInstanceIds.Prefix, FetchInputsAndOutputs: true);
        var pipelines = new List<PipelineSummary>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(ct))
        {
            if (instance.Name == DurableReleaseStarter.OrchestratorName)
            {
                pipelines.Add(PipelineSummary.From(instance));
            }
        }

        foreach (var p in pipelines.OrderByDescending(p => p.CreatedAt).Take(50))
        {
            var stage = p.Status is { } s && s.ValueKind == System.Text.Json.JsonValueKind.Object && s.TryGetProperty("stage", out var st) ? st.ToString() : string.Empty;
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(p.Id)}</td><td>{WebUtility.HtmlEncode(p.RuntimeStatus)}</td><td>{WebUtility.HtmlEncode(stage)}</td><td>{p.CreatedAt:u}</td></tr>");
        }

        var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Soakline</title>"
            + "<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.25rem .75rem;border-bottom:1px solid #ddd;text-align:left}</style></head>"
            + "<body><h1>Soakline pipelines</h1><table><thead><tr><th>Pipeline</th><th>Status</th><th>Stage</th><th>Started</th></tr></thead><tbody>"
            + (rows.Length == 0 ? "<tr><td colspan=\"4\">No pipelines yet.</td></tr>" : rows.ToString())
            + "</tbody></table></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }
}
