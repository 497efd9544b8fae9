using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// <c>/dashboard</c>: the releases page, one page per pipeline and the two embedded assets. The caller protects the
/// group (<see cref="DashboardKeyExchangeFilter"/>, then the API key filter).
/// </summary>
public static class DashboardEndpoints
{
    public const string Route = "/dashboard";

    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Route);
        group.MapGet("", PipelinesPage.RenderAsync);
        group.MapGet("/pipelines/{id}", PipelinePage.RenderAsync);
        group.MapGet("/assets/{name}", (string name) => DashboardAssets.Serve(name));
        return group;
    }
}
