using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Functions;

namespace Soakline.Functions.Observability;

/// <summary>
/// Describes each request in telemetry and logs by its route template, never by its address: approval links carry
/// their token in the path, and under Azure Functions the key travels as <c>?code=</c>. ASP.NET Core's request span
/// starts with the raw path in <c>url.path</c>; this replaces it with the route template (with every segment masked
/// when no route matched), names the span after the route and adds the HTTP semantic-convention tags. Logs written
/// while the request runs get a <see cref="RequestLogScope"/> instead of hosting's <c>RequestPath</c> scope, which
/// <see cref="SecretSafeLogging"/> switches off. Under Azure Functions the span describes the forwarded request, not the
/// host's invocation call, and is marked with the function it served.
/// </summary>
internal static class HttpSpanEnricher
{
    /// <summary>
    /// Add before routing so it wraps everything after it: the tags are rewritten even when a later step throws, and
    /// the route is read once routing has run.
    /// </summary>
    public static IApplicationBuilder UseHttpSpanEnricher(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpSpanEnricher));
        return app.Use(async (context, next) =>
        {
            using var scope = logger.BeginScope(new RequestLogScope(context));
            try
            {
                await next(context);
            }
            finally
            {
                Describe(context);
            }
        });
    }

    /// <summary>The route template of the matched endpoint, or null when none matched.</summary>
    public static string? Route(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
    }

    /// <summary>What telemetry records as the path: the route template, or the path's shape with every segment masked.</summary>
    public static string SafePath(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Route(context) is { } route)
        {
            return route.StartsWith('/') ? route : "/" + route;
        }

        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? "/" : string.Concat(segments.Select(_ => "/*"));
    }

    private static void Describe(HttpContext context)
    {
        if (Activity.Current is not { } activity || activity.Source.Name != "Microsoft.AspNetCore")
        {
            return;
        }

        var route = Route(context);
        activity.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {route}";
        activity.SetTag("http.request.method", context.Request.Method)
            .SetTag("http.route", route)
            .SetTag("url.path", SafePath(context))
            .SetTag("url.query", null)
            .SetTag("url.full", null)
            .SetTag("http.response.status_code", context.Response.StatusCode)
            .SetTag("faas.invoked_by_host", FunctionInvocationMarker.IsFunctionInvocation(context));
    }
}
