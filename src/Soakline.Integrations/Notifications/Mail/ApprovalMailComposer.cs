using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;

namespace Soakline.Integrations.Notifications.Mail;

/// <summary>
/// Renders an approval mail as multipart/alternative: a plain-text part (what scanners and text clients read) and an
/// HTML part, both with the release summary and the approve and reject links. Every value from a commit or a user
/// is HTML-encoded: commit messages are attacker-controlled text.
/// </summary>
internal sealed class ApprovalMailComposer(SmtpSettings smtp, ApprovalMailSettings mail)
{
    public MimeMessage Compose(ApprovalMailContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var summary = content.Summary;
        var message = new MimeMessage();
        message.From.Add(smtp.From);
        message.To.Add(MailboxAddress.Parse(content.Approver));
        message.Subject = $"{mail.SubjectPrefix} {(content.Expedited ? "EXPEDITED " : "")}Approve {summary.Commit} to {summary.Environment}?".Trim();
        if (content.Expedited)
        {
            message.Priority = MessagePriority.Urgent;
        }

        var body = new BodyBuilder { TextBody = Text(content), HtmlBody = Html(content) };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static IEnumerable<(string Label, string Value)> Facts(ApprovalMailContent content)
    {
        var s = content.Summary;
        yield return ("Repository", s.Commit.Repository.FullName);
        yield return ("Commit", s.Commit.Sha + (s.Commit.Branch is null ? "" : $" on {s.Commit.Branch}"));
        yield return ("Author", s.Author);
        yield return ("Environment", s.Environment);
        yield return ("Components", s.Components.Count == 0 ? "(none)" : string.Join(", ", s.Components));
        // Null means the pipeline did not look (a request from before it did), which is not the same as "not run".
        yield return ("Staging", s.StagingResult ?? "unknown");
        yield return ("E2E", s.E2EResult ?? "not run");
        yield return ("Pipeline", content.InstanceId);
        yield return ("Link expires", content.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
    }

    /// <summary>Why some components list no paths: they have no earlier release here to compare with.</summary>
    private static string? FirstReleaseNote(Pipeline.Ports.ReleaseSummary s) =>
        s.FirstReleases is { Count: > 0 } first
            ? $"First release of {string.Join(", ", first)} in {s.Environment}: no earlier release to compare with, so its files are not listed."
            : null;

    private static string Text(ApprovalMailContent content)
    {
        var s = content.Summary;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Release {s.Commit} is waiting for your approval to go to {s.Environment}.");
        text.AppendLine();
        foreach (var (label, value) in Facts(content))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {value}");
        }

        text.AppendLine();
        text.AppendLine("Message:");
        text.AppendLine(s.Message);
        text.AppendLine();
        if (FirstReleaseNote(s) is { } firstText)
        {
            text.AppendLine(firstText);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Changed paths ({s.ChangedPaths.Count}):");
        foreach (var path in s.ChangedPaths.Take(50))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {path}");
        }

        if (s.ChangedPaths.Count > 50)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ... and {s.ChangedPaths.Count - 50} more");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Approve: {content.ApproveLink.AbsoluteUri}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Reject:  {content.RejectLink.AbsoluteUri}");
        text.AppendLine();
        text.AppendLine("Each link opens a confirmation page; nothing is decided until you confirm there. The links work once and only for you.");
        return text.ToString();
    }

    private static string Html(ApprovalMailContent content)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        var s = content.Summary;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2>Approve {E(s.Commit.ToString())} to {E(s.Environment)}?</h2>");
        if (content.Expedited)
        {
            html.Append("<p><strong>Expedited release.</strong></p>");
        }

        html.Append("<table cellpadding=\"4\">");
        foreach (var (label, value) in Facts(content))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{E(label)}</th><td>{E(value)}</td></tr>");
        }

        html.Append("</table>");
        html.Append(CultureInfo.InvariantCulture, $"<h3>Message</h3><pre>{E(s.Message)}</pre>");
        if (FirstReleaseNote(s) is { } firstHtml)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(firstHtml)}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h3>Changed paths ({s.ChangedPaths.Count})</h3><ul>");
        foreach (var path in s.ChangedPaths.Take(50))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><code>{E(path)}</code></li>");
        }

        html.Append("</ul>");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(content.ApproveLink.AbsoluteUri)}\" style=\"background:#1a7f37;color:#fff;padding:8px 16px;text-decoration:none\">Approve</a> ");
        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(content.RejectLink.AbsoluteUri)}\" style=\"background:#cf222e;color:#fff;padding:8px 16px;text-decoration:none\">Reject</a></p>");
        html.Append("<p>Each link opens a confirmation page; nothing is decided until you confirm there. The links work once and only for you.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }
}
