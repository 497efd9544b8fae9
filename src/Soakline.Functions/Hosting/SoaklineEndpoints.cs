using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Soakline.Functions.Api;
using Soakline.Functions.Approvals;
using Soakline.Functions.Dashboard;
using Soakline.Functions.Observability;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Hosting;

/// <summary>
/// Every endpoint of the app, written once: standalone maps them on the WebApplication, and under Azure Functions the
/// HTTP functions run requests through them (Functions.EndpointDispatcher). The pages a browser renders (approval
/// links, the dashboard) are mapped in groups that carry their <see cref="BrowserPagePolicy"/>; anything mapped through
/// <see cref="DashboardEndpoints.MapDashboard"/> or <see cref="ApprovalEndpoints.MapApprovalEndpoints"/> gets it.
/// </summary>
internal static class SoaklineEndpoints
{
    /// <summary>Standalone: the request pipeline on Kestrel.</summary>
    public static WebApplication UseSoakline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSoaklineProblems();
        app.UseHttpSpanEnricher();
        app.UseBrowserPageHeaders();
        app.UseRouting();
        app.MapSoaklineEndpoints();
        return app;
    }

    /// <summary>
    /// Both modes, first in the pipeline: exceptions (binding failures included) and bodiless error statuses such as
    /// an unmapped path answer problem details (<see cref="ProblemExceptionHandler"/>).
    /// </summary>
    public static IApplicationBuilder UseSoaklineProblems(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static IEndpointRouteBuilder MapSoaklineEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealth();
        endpoints.MapGitHubWebhook();
        endpoints.MapGroup(string.Empty).WithBrowserPageHeaders(BrowserPagePolicy.Approval).MapApprovalEndpoints();

        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        api.MapPipelineEndpoints();
        api.MapEnvironmentEndpoints();
        api.MapReleaseEndpoints();
        api.MapMetricsEndpoints();
        var browserPages = endpoints.MapGroup(string.Empty).WithBrowserPageHeaders(BrowserPagePolicy.Dashboard);
        browserPages.MapDashboardSignIn();
        browserPages.MapDashboard().AddEndpointFilter<ApiKeyFilter>();
        return endpoints;
    }
}
