using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// <c>/dashboard</c>: the releases page, one page per pipeline and the two embedded assets. The caller protects the
/// group with the API key filter, which shows a browser without a session the sign-in page (<see cref="DashboardSignIn"/>).
/// </summary>
internal static class DashboardEndpoints
{
    public const string Route = "/dashboard";

    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        // An empty group prefix keeps the releases page at exactly /dashboard (a "/dashboard" group would map "/dashboard/").
        var group = endpoints.MapGroup(string.Empty);
        group.MapGet(Route, PipelinesPage.RenderAsync);
        group.MapGet(Route + "/pipelines/{id}", PipelinePage.RenderAsync);
        group.MapGet(Route + "/assets/{name}", (string name) => DashboardAssets.Serve(name));
        return group;
    }
}
