using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// What a browser without a session sees on a dashboard page (401): how to sign in. A form posts a named API key to
/// <see cref="DashboardSignIn.SignInRoute"/> (in the body, never in the address); in Azure, App Service authentication
/// signs people in instead. Self-contained: the dashboard's stylesheet and script need a session themselves.
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
        var links = DashboardLinks.For(request);
        var returnTo = DashboardSignIn.SafeReturn(request.Method == HttpMethods.Get ? request.Path + request.QueryString : null, DashboardEndpoints.Route + links.Suffix);
        var body = new StringBuilder()
            .Append("<h1>Sign in to the Soakline dashboard</h1>");
        if (problem is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" role=\"alert\">{Html.E(problem)}</p>");
        }

        if (settings.Mode == HostingMode.FunctionsWorker)
        {
            var login = "/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(returnTo);
            body.Append(CultureInfo.InvariantCulture, $"<p>This app runs in Azure: sign in with your organisation account through App Service authentication: <a href=\"{Html.E(login)}\">sign in</a>. Decisions are recorded under that account's name.</p>")
                .Append("<p>Or, if the operator gave you a named API key:</p>");
        }
        else
        {
            body.Append("<p>Paste the API key the operator gave you (one entry of <code>Soakline__ApiKeys</code>, <code>name=key</code>: paste only the key). ")
                .Append("Its name is who you are here: approvals and other decisions are recorded under it.</p>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{Html.E(DashboardSignIn.SignInRoute + links.Suffix)}\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{DashboardSignIn.ReturnField}\" value=\"{Html.E(returnTo)}\">")
            .Append(CultureInfo.InvariantCulture, $"<label>API key<br><input type=\"password\" name=\"{DashboardSignIn.KeyField}\" autocomplete=\"off\" required size=\"48\"></label> ")
            .Append("<button type=\"submit\">Sign in</button></form>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"note\">The key is sent once, in this form's body. The browser keeps a signed session for {DashboardSession.Lifetime.TotalHours:0} hours that holds your name, not the key; removing the key from the app's settings ends it. Scripts and tools call the API with the key as <code>X-Api-Key</code> instead.</p>");

        var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Sign in · Soakline</title>"
            + "<style>" + Style + "</style></head><body>"
            + body + "</body></html>";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
