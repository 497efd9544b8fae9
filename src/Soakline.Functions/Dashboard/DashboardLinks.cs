using Microsoft.AspNetCore.Http;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// The dashboard's own addresses. Under Azure Functions every dashboard request needs the function key (<c>?code=</c>),
/// including the stylesheet, the script and the links between pages, so the key the page was opened with is carried on;
/// standalone there is none and the addresses stay plain (the session cookie does the work). Public only because the
/// pages' models carry it and RazorSlices generates public slice types (see <see cref="PageFrame"/>).
/// </summary>
/// <param name="SignedInAs">The caller's identity, shown in the page header; null when the request has none.</param>
public sealed record DashboardLinks(string Suffix, string? SignedInAs = null)
{
    public const string FunctionKeyQuery = "code";

    public static DashboardLinks For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = request.Query[FunctionKeyQuery].ToString();
        return new DashboardLinks(code.Length == 0 ? string.Empty : $"?{FunctionKeyQuery}={Uri.EscapeDataString(code)}", Authentication.CallerIdentity.NameOf(request.HttpContext));
    }

    public string Home => DashboardEndpoints.Route + Suffix;

    public string Asset(string name) => $"{DashboardEndpoints.Route}/assets/{name}{Suffix}";

    public string Pipeline(string id) => $"{DashboardEndpoints.Route}/pipelines/{Uri.EscapeDataString(id)}{Suffix}";
}
