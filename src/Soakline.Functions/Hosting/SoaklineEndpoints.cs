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
/// HTTP functions run requests through them (Functions.EndpointDispatcher).
/// </summary>
public static class SoaklineEndpoints
{
    /// <summary>Standalone: the request pipeline on Kestrel.</summary>
    public static WebApplication UseSoakline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.UseHttpSpanEnricher();
        app.MapSoaklineEndpoints();
        return app;
    }

    public static IEndpointRouteBuilder MapSoaklineEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealth();
        endpoints.MapGitHubWebhook();
        endpoints.MapApprovalEndpoints();

        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        api.MapPipelineEndpoints();
        api.MapEnvironmentEndpoints();
        api.MapMetricsEndpoints();
        endpoints.MapDashboardSignIn();
        endpoints.MapDashboard().AddEndpointFilter<ApiKeyFilter>();
        return endpoints;
    }
}
