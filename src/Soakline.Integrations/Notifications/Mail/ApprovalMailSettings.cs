namespace Soakline.Integrations.Notifications.Mail;

/// <summary>Settings section <c>ApprovalMail</c>: where the links in approval mail point.</summary>
public sealed class ApprovalMailSettings
{
    /// <summary>The app's public address, e.g. <c>https://soakline-prod.azurewebsites.net/</c>.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// The approval page's path under <see cref="PublicBaseUrl"/>; the token is its last segment
    /// (<c>/approvals/{token}</c>). Its GET shows a confirmation, its POST decides.
    /// </summary>
    public string ApprovalPath { get; set; } = "approvals";

    public string SubjectPrefix { get; set; } = "[Soakline]";

    public void Validate()
    {
        if (PublicBaseUrl is null || !PublicBaseUrl.IsAbsoluteUri || PublicBaseUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"ApprovalMail:PublicBaseUrl '{PublicBaseUrl}' must be the app's absolute http(s) address.");
        }

        if (string.IsNullOrWhiteSpace(ApprovalPath) || ApprovalPath.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException($"ApprovalMail:ApprovalPath '{ApprovalPath}' must be a path without a query string.");
        }
    }

    public Uri LinkFor(string token)
    {
        var root = PublicBaseUrl!.AbsoluteUri.TrimEnd('/');
        return new Uri($"{root}/{ApprovalPath.Trim('/')}/{Uri.EscapeDataString(token)}");
    }
}
