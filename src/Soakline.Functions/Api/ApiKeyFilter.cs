using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Soakline.Functions.Authentication;
using Soakline.Functions.Configuration;
using Soakline.Functions.Dashboard;
using Soakline.Functions.Functions;

namespace Soakline.Functions.Api;

/// <summary>
/// Authenticates the API and the dashboard and sets <c>HttpContext.User</c> to the caller (<see cref="CallerIdentity"/>),
/// trying in order:
/// <list type="number">
/// <item>In Azure (isolated worker, App Service authentication on, request forwarded by the Functions host): the
/// principal App Service signed in (<see cref="AppServicePrincipal"/>). The platform strips these headers from client
/// requests; standalone anyone could send them, so they are never read there.</item>
/// <item>A named API key as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>: the identity is the key's name. A key
/// that matches none is refused (401) even where the function key would have let the request in.</item>
/// <item>The dashboard's signed session cookie (<see cref="DashboardSession"/>): reads, and changes that also carry
/// <see cref="DashboardSession.RequestHeader"/>, which no other site can add without a CORS preflight we never grant.</item>
/// <item>A request that passed only the Functions host's function-key check (<see cref="FunctionInvocationMarker"/>)
/// gets in without an identity: it may read, and a decision answers 403 (<see cref="CallerIdentity.Decider"/>).</item>
/// </list>
/// Anything else is 401: JSON for API clients, the sign-in page for a browser on a dashboard page.
/// </summary>
internal sealed class ApiKeyFilter(AppSettings settings, DashboardSession session) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var viaFunctionsHost = FunctionInvocationMarker.IsFunctionInvocation(http);
        if (settings.AppServiceAuthentication && viaFunctionsHost && AppServicePrincipal.NameFrom(http.Request) is { } principal)
        {
            http.User = CallerIdentity.Principal(principal, CallerIdentity.AppServiceScheme);
            return await next(context);
        }

        if (Presented(http.Request) is { } presented)
        {
            if (settings.ApiKeys.Match(presented) is not { } key)
            {
                return Unauthorized(http, "the API key is not valid");
            }

            http.User = CallerIdentity.Principal(key.Name, CallerIdentity.ApiKeyScheme);
            return await next(context);
        }

        if (session.NameFrom(http.Request) is { } signedIn)
        {
            http.User = CallerIdentity.Principal(signedIn, CallerIdentity.SessionScheme);
            return await next(context);
        }

        if (viaFunctionsHost)
        {
            return await next(context);
        }

        return WantsSignInPage(http.Request)
            ? SignInPage.Render(http.Request, settings)
            : Unauthorized(http, $"an API key is required: send it as {HeaderName} or Authorization: Bearer");
    }

    private static IResult Unauthorized(HttpContext http, string error)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Status(StatusCodes.Status401Unauthorized, error);
    }

    private static bool WantsSignInPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.StartsWithSegments(DashboardEndpoints.Route, StringComparison.Ordinal)
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers[HeaderName].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
