using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.Hosting;

/// <summary><c>GET /healthz</c>: open, says the process is up and how it runs; no settings or secrets in it.</summary>
internal static class HealthEndpoint
{
    public const string Route = "/healthz";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, (AppSettings settings, TimeProvider clock) => Results.Ok(new HealthReport("ok", settings.Mode.ToString(), settings.TaskHub, clock.GetUtcNow())));
        return endpoints;
    }
}
