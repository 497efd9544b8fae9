using Microsoft.AspNetCore.Http;
using Soakline.Functions.Hosting;

namespace Soakline.Functions.Approvals;

/// <summary>The small HTML pages of the approval flow (<c>Approvals/Slices</c>): the confirmation form and the outcome pages.</summary>
internal static class ApprovalPages
{
    /// <summary>
    /// The pages' only styling, inline so a page needs nothing else from the app. Its hash is the one style the pages'
    /// Content-Security-Policy allows (<see cref="Hosting.BrowserPagePolicy.Approval"/>), so any change here
    /// carries over by itself.
    /// </summary>
    internal const string Style =
        "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}dt{font-weight:600}dd{margin:0 0 .5rem}"
        + "button{font-size:1rem;padding:.5rem 1rem}.approve{background:#1a7f37;color:#fff}.reject{background:#cf222e;color:#fff}.note{color:#57606a}";

    public static IResult Confirmation(string token, ApprovalLink link, ReleaseSummaryView summary)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(summary);
        return HtmlPages.Render(Slices.Confirmation.Create(new ApprovalConfirmation(token, link, summary)));
    }

    public static IResult Outcome(int status, string title, string message) =>
        HtmlPages.Render(Slices.Outcome.Create(new ApprovalOutcomeView(title, message)), status);
}
