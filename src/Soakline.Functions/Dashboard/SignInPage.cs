using Microsoft.AspNetCore.Http;
using Soakline.Functions.Configuration;
using Soakline.Functions.Hosting;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// What a browser without a session sees on a dashboard page (401): how to sign in (<c>Slices/SignIn.cshtml</c>). A form
/// posts a named API key to <see cref="DashboardSignIn.SignInRoute"/> (in the body, never in the address); in Azure,
/// App Service authentication signs people in instead.
/// </summary>
internal static class SignInPage
{
    /// <summary>
    /// The page's only stylesheet, inline because the dashboard's own needs a session; the dashboard's
    /// Content-Security-Policy allows exactly this text by its hash (<see cref="Hosting.BrowserPagePolicy.Dashboard"/>).
    /// </summary>
    internal const string Style = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}.error{color:#cf222e}.note{color:#57606a}"
        + "input,button{font-size:1rem;padding:.4rem}";

    public static IResult Render(HttpRequest request, AppSettings settings, string? problem = null, int status = StatusCodes.Status401Unauthorized)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var links = DashboardLinks.For(request);
        var returnTo = DashboardSignIn.SafeReturn(request.Method == HttpMethods.Get ? request.Path + request.QueryString : null, DashboardEndpoints.Route + links.Suffix);
        var model = new SignInPageModel(links, returnTo, problem, InAzure: settings.Mode == HostingMode.FunctionsWorker);
        return HtmlPages.Render(Slices.SignIn.Create(model), status);
    }
}
