using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Soakline.Functions.Hosting;

/// <summary>
/// Hardens pages a browser renders. Endpoints (or route groups) carrying a <see cref="BrowserPagePolicy"/> are answered
/// with its Content-Security-Policy and with <c>X-Frame-Options: DENY</c>, <c>Referrer-Policy: no-referrer</c> (a
/// dashboard address may carry the function key), <c>Cache-Control: no-store</c> and <c>X-Content-Type-Options: nosniff</c>.
/// The headers are added as the response starts, so they are on whatever answers: the handler, a filter that refuses
/// or redirects, or a sign-in page.
/// </summary>
internal static class BrowserPageHeaders
{
    /// <summary>Serves every endpoint of this builder (a route group: all endpoints mapped in it) with the policy.</summary>
    public static TBuilder WithBrowserPageHeaders<TBuilder>(this TBuilder builder, BrowserPagePolicy policy)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);
        return builder.WithMetadata(policy);
    }

    /// <summary>Add before routing; the endpoint (and so its policy) is known by the time the response starts.</summary>
    public static IApplicationBuilder UseBrowserPageHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(static state => Apply((HttpContext)state), context);
            return next(context);
        });
    }

    private static Task Apply(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BrowserPagePolicy>() is { } policy)
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy.ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
        }

        return Task.CompletedTask;
    }
}
