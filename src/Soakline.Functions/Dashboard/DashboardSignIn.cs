using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// <c>GET /dashboard/sign-in</c> shows the sign-in page (for a browser the function key let in without an identity);
/// <c>POST /dashboard/sign-in</c> (form: <see cref="KeyField"/>, <see cref="ReturnField"/>) opens a
/// <see cref="DashboardSession"/> for the named key's name and sends the browser back to the page it came from;
/// a wrong key gets the sign-in page again (401) and sets nothing. <c>POST /dashboard/sign-out</c> ends the session.
/// Both are open: they are how a browser without a session gets one.
/// </summary>
internal static class DashboardSignIn
{
    public const string SignInRoute = DashboardEndpoints.Route + "/sign-in";
    public const string SignOutRoute = DashboardEndpoints.Route + "/sign-out";
    public const string KeyField = "key";
    public const string ReturnField = "returnTo";

    public static IEndpointRouteBuilder MapDashboardSignIn(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(SignInRoute, (HttpRequest request, AppSettings settings) => SignInPage.Render(request, settings, status: StatusCodes.Status200OK));
        endpoints.MapPost(SignInRoute, SignInAsync).DisableAntiforgery();
        endpoints.MapPost(SignOutRoute, SignOut).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpRequest request, AppSettings settings, DashboardSession session, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return SignInPage.Render(request, settings, "Sign in with the form on this page.", StatusCodes.Status400BadRequest);
        }

        var form = await request.ReadFormAsync(ct);
        if (settings.ApiKeys.Match(form[KeyField].ToString().Trim()) is not { } key)
        {
            return SignInPage.Render(request, settings, "That key is not one of the API keys of this app.");
        }

        session.Start(request.HttpContext.Response, key);
        return Results.Redirect(SafeReturn(form[ReturnField].ToString()));
    }

    private static IResult SignOut(HttpRequest request)
    {
        DashboardSession.End(request.HttpContext.Response);
        return Results.Redirect(DashboardEndpoints.Route + DashboardLinks.For(request).Suffix);
    }

    /// <summary>Where to go after signing in: a dashboard address on this site, never another site.</summary>
    internal static string SafeReturn(string? path, string fallback = DashboardEndpoints.Route) =>
        path is { Length: > 0 } p && p.StartsWith(DashboardEndpoints.Route, StringComparison.Ordinal) && !p.Contains('\\', StringComparison.Ordinal)
            && !p.StartsWith(SignInRoute, StringComparison.Ordinal) && !p.StartsWith(SignOutRoute, StringComparison.Ordinal)
            ? p
            : fallback;
}
