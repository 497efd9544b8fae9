using System.Security.Cryptography;
using System.Text;

namespace Soakline.Functions.Hosting;

/// <summary>
/// Endpoint metadata for pages a browser renders: the Content-Security-Policy they are served with, next to the fixed
/// anti-framing, referrer, caching and sniffing headers <see cref="BrowserPageHeaders"/> adds. Attached to a route
/// group, it covers every endpoint mapped in the group and every answer its filters give (a sign-in page included).
/// </summary>
internal sealed record BrowserPagePolicy(string ContentSecurityPolicy)
{
    /// <summary>
    /// The dashboard: its stylesheet and script are served by the app (<c>/dashboard/assets/</c>) and its script calls the
    /// API on the same origin; nothing from elsewhere, no framing, forms only to the app. The one inline stylesheet is the
    /// sign-in page's (shown to a browser without a session, which cannot load the assets yet), allowed by its hash.
    /// </summary>
    public static BrowserPagePolicy Dashboard { get; } = new(string.Join("; ",
        "default-src 'none'",
        "script-src 'self'",
        $"style-src 'self' '{StyleHash(Soakline.Functions.Dashboard.SignInPage.Style)}'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'"));

    /// <summary>
    /// The approval pages: no script at all, the one inline stylesheet of <see cref="Approvals.ApprovalPages"/> by its hash, and the
    /// form posting back to the app.
    /// </summary>
    public static BrowserPagePolicy Approval { get; } = new(string.Join("; ",
        "default-src 'none'",
        $"style-src '{StyleHash(Approvals.ApprovalPages.Style)}'",
        "img-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'"));

    /// <summary>The CSP source expression that allows exactly this inline stylesheet.</summary>
    public static string StyleHash(string css) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));
}
