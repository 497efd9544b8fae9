using Microsoft.AspNetCore.Http;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// How a browser holds the API key for the dashboard. The operator opens <c>/dashboard?key=…</c> once; the key moves
/// into an HttpOnly, SameSite=Strict cookie (scripts cannot read it, other sites cannot send it) and the browser is
/// redirected to the same page without the key, so it leaves the address bar and the history.
/// </summary>
public static class DashboardSession
{
    public const string CookieName = "soakline_key";
    public const string QueryName = "key";

    /// <summary>Sent by the dashboard's scripts with every POST; a cookie alone never authorizes a change.</summary>
    public const string RequestHeader = "X-Soakline-Dashboard";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>The key from the session cookie, when the request may use it: reads always, changes only with <see cref="RequestHeader"/>.</summary>
    public static string? CookieKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue(CookieName, out var key) || string.IsNullOrEmpty(key))
        {
            return null;
        }

        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        return safe || request.Headers.ContainsKey(RequestHeader) ? key : null;
    }

    /// <summary>Stores the key in the session cookie.</summary>
    public static void Start(HttpResponse response, string key)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(CookieName, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            MaxAge = Lifetime,
        });
    }
}
