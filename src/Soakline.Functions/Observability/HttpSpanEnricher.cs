using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Soakline.Functions.Functions;

namespace Soakline.Functions.Observability;

/// <summary>
/// Names ASP.NET Core's request span after the matched route and adds the HTTP semantic-convention tags (no
/// instrumentation package is needed for that). Under Azure Functions it describes the forwarded request, not the
/// host's invocation call, and marks the span with the function it served.
/// </summary>
public static class HttpSpanEnricher
{
    public static IApplicationBuilder UseHttpSpanEnricher(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (Activity.Current is not { } activity || activity.Source.Name != "Microsoft.AspNetCore")
        {
            return;
        }

        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.DisplayName = $"{context.Request.Method} {route ?? context.Request.Path.Value}";
        activity.SetTag("http.request.method", context.Request.Method)
            .SetTag("http.route", route)
            .SetTag("url.path", context.Request.Path.Value)
            .SetTag("http.response.status_code", context.Response.StatusCode)
            .SetTag("faas.invoked_by_host", FunctionInvocationMarker.IsFunctionInvocation(context));
    });
}
