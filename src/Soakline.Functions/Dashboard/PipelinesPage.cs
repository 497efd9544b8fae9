using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Api;
using Soakline.Functions.Hosting;
using Soakline.Functions.Releases;
using Soakline.Functions.Watchdog;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// <c>GET /dashboard</c>: DORA figures, pending approvals, recent pipelines with their stage timelines, and incidents.
/// Everything comes from the API's own reads (<see cref="PipelineQueries"/>, <see cref="IDoraReport"/>) and the
/// recorded transitions; drawn by <c>Slices/Releases.cshtml</c>.
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

        var model = new ReleasesPageModel(links, report, details, incidents);
        return HtmlPages.Render(Slices.Releases.Create(model));
    }
}
