using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace Soakline.Demo.Kit.App;

/// <summary>
/// The release manager's side of an approval: reads the approval mail from the local outbox, prints its link, opens it
/// (GET: the confirmation page, which decides nothing) and submits the page's form (POST: the decision).
/// </summary>
public sealed partial class ApprovalDesk(string outboxFolder, TextWriter output)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public async Task ApproveNextMailAsync(CancellationToken cancellationToken)
    {
        var mail = await WaitForMailAsync(cancellationToken).ConfigureAwait(false);
        var message = await MimeMessage.LoadAsync(mail, cancellationToken).ConfigureAwait(false);
        var html = message.HtmlBody ?? throw new InvalidOperationException($"The approval mail {mail} has no HTML part.");
        var link = ApproveLink().Match(html) is { Success: true } match
            ? new Uri(WebUtility.HtmlDecode(match.Groups["url"].Value))
            : throw new InvalidOperationException($"The approval mail {mail} has no Approve link.");
        output.WriteLine($"  mail to {message.To}: \"{message.Subject}\" ({mail})");
        output.WriteLine($"  approve link: {link}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var page = await http.GetStringAsync(link, cancellationToken).ConfigureAwait(false);
        var action = FormAction().Match(page) is { Success: true } form
            ? new Uri(link, WebUtility.HtmlDecode(form.Groups["action"].Value))
            : throw new InvalidOperationException("The approval page has no form to submit.");
        output.WriteLine("  GET  the approval page: a confirmation form (a GET decides nothing)");
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("comment", "Approved from ./run demo")]);
        using var response = await http.PostAsync(action, content, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"  POST the form: {(int)response.StatusCode} {response.StatusCode}");
        response.EnsureSuccessStatusCode();
    }

    private async Task<string> WaitForMailAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var next = Directory.GetFiles(outboxFolder, "*.eml").Order(StringComparer.Ordinal).FirstOrDefault(f => !_read.Contains(f));
            if (next is not null)
            {
                _read.Add(next);
                return next;
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"No approval mail reached the outbox {outboxFolder} within 60 s.");
    }

    [GeneratedRegex("<a href=\"(?<url>[^\"]+)\"[^>]*>Approve</a>", RegexOptions.CultureInvariant)]
    private static partial Regex ApproveLink();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex FormAction();
}
