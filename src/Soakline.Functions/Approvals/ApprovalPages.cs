using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Soakline.Functions.Approvals;

/// <summary>The small HTML pages of the approval flow: the confirmation form and the outcome pages.</summary>
public static class ApprovalPages
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
        var verb = link.Approve ? "Approve" : "Reject";
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<h1>{verb} release?</h1>")
            .Append("<dl>")
            .Append(Row("Pipeline", summary.PipelineId))
            .Append(Row("Environment", summary.Environment))
            .Append(Row("Release", summary.Release))
            .Append(Row("Commit", summary.Commit))
            .Append(Row("Author", summary.Author))
            .Append(Row("Message", summary.Message))
            .Append(Row("Stage", summary.Stage))
            .Append(Row("Decision by", link.Approver))
            .Append(Row("Link expires", link.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)))
            .Append("</dl>")
            .Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/approvals/{WebUtility.UrlEncode(token)}\">")
            .Append("<label>Comment (optional)<br><textarea name=\"comment\" rows=\"3\" cols=\"60\"></textarea></label><br>")
            .Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" class=\"{verb.ToLowerInvariant()}\">{verb} this release</button>")
            .Append("</form>")
            .Append("<p class=\"note\">Nothing has been decided yet: opening this link only shows this page.</p>");
        return Page(StatusCodes.Status200OK, $"{verb} release", body.ToString());
    }

    public static IResult Outcome(int status, string title, string message) =>
        Page(status, title, $"<h1>{Encode(title)}</h1><p>{Encode(message)}</p>");

    private static string Row(string name, string? value) => value is null ? string.Empty : $"<dt>{Encode(name)}</dt><dd>{Encode(value)}</dd>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static IResult Page(int status, string title, string body) =>
        Results.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>{Encode(title)} · Soakline</title>"
            + $"<style>{Style}</style>"
            + $"</head><body>{body}</body></html>",
            "text/html; charset=utf-8",
            Encoding.UTF8,
            status);
}

/// <summary>What the confirmation page shows about the release waiting for a decision.</summary>
public sealed record ReleaseSummaryView(string PipelineId, string? Environment, string? Release, string? Commit, string? Author, string? Message, string? Stage);
