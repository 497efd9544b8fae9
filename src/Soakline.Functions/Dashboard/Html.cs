using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Soakline.Functions.Dashboard;

/// <summary>The dashboard's page frame and the small helpers every page uses; all text goes through <see cref="E"/>.</summary>
internal static class Html
{
    /// <summary>HTML-encodes text (element content and quoted attribute values alike).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Badge(string text, string tone) => $"<span class=\"badge tone-{E(tone)}\">{E(text)}</span>";

    public static IResult Page(DashboardLinks links, string title, string body, string bodyAttributes = "")
    {
        ArgumentNullException.ThrowIfNull(links);
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(title)} · Soakline</title>")
            .Append(CultureInfo.InvariantCulture, $"<link rel=\"stylesheet\" href=\"{E(links.Asset("dashboard.css"))}\">")
            .Append(CultureInfo.InvariantCulture, $"<script src=\"{E(links.Asset("dashboard.js"))}\" defer></script>")
            .Append(CultureInfo.InvariantCulture, $"</head><body {bodyAttributes}>")
            .Append(CultureInfo.InvariantCulture, $"<header class=\"top\"><a class=\"brand\" href=\"{E(links.Home)}\"><span class=\"logo\">◢</span> Soakline</a><span class=\"sub\">release orchestrator</span>")
            .Append(SignedIn(links))
            .Append("</header>")
            .Append("<main>").Append(body).Append("</main>")
            .Append(ConfirmDialog)
            .Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>Who is signed in, with Sign out; or, for a request the function key alone let in, how to sign in to decide.</summary>
    private static string SignedIn(DashboardLinks links) => links.SignedInAs is { } name
        ? $"<form method=\"post\" action=\"{E(DashboardSignIn.SignOutRoute + links.Suffix)}\" class=\"sign-out\"><span class=\"sub\" id=\"signed-in-as\">{E(name)}</span> <button type=\"submit\" class=\"btn\">Sign out</button></form>"
        : $"<a class=\"sign-out btn\" href=\"{E(DashboardSignIn.SignInRoute + links.Suffix)}\">Sign in to decide</a>";

    /// <summary>
    /// The one confirmation step every action goes through (filled in by dashboard.js). It asks for no name: the
    /// action is recorded under the signed-in identity.
    /// </summary>
    private const string ConfirmDialog =
        "<dialog id=\"confirm\"><form method=\"dialog\" id=\"confirm-form\" novalidate>"
        + "<h2 id=\"confirm-title\">Confirm</h2><p id=\"confirm-text\"></p>"
        + "<p class=\"note\">Recorded under the name you signed in with.</p>"
        + "<label id=\"confirm-note-label\"><span id=\"confirm-note-caption\">Comment</span><textarea id=\"confirm-note\" name=\"note\" rows=\"2\"></textarea></label>"
        + "<p class=\"error\" id=\"confirm-error\" role=\"alert\"></p>"
        + "<div class=\"buttons\"><button type=\"button\" id=\"confirm-cancel\" class=\"btn\">Cancel</button><button type=\"submit\" id=\"confirm-ok\" class=\"btn primary\">Confirm</button></div>"
        + "</form></dialog>";
}
