using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Soakline.Functions.Api;
using Soakline.Functions.Approvals;
using Soakline.Functions.CustomHandler;
using Soakline.Functions.Dashboard;
using Soakline.Functions.Observability;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Hosting;

/// <summary>The request pipeline: custom-handler invocations first (they re-enter routing), then every endpoint.</summary>
public static class SoaklineEndpoints
{
    public static WebApplication UseSoakline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<CustomHandlerMiddleware>();

        app.UseRouting();
        app.UseHttpSpanEnricher();
        app.MapHealth();
        app.MapGitHubWebhook();
        app.MapApprovalEndpoints();

        var api = app.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        api.MapPipelineEndpoints();
        api.MapEnvironmentEndpoints();
        api.MapMetricsEndpoints();
        app.MapDashboard().AddEndpointFilter<DashboardKeyExchangeFilter>().AddEndpointFilter<ApiKeyFilter>();

        // The Functions host pings the handler's root until it answers; any answer means ready.
        app.MapGet("/", () => Results.Ok(new { service = "soakline" }));
        return app;
    }
}
