using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace Soakline.Chaos;

/// <summary>
/// The approver: reads approval mail from the outbox, and for each pipeline that asked, opens its Approve link on a
/// live app process (GET: the confirmation page) and submits the form (POST: the decision), when that pipeline's
/// approval is due. A process killed under the request is retried on the other; an answer that the link was already
/// used (409) after such a retry means the first attempt's decision was taken. Every approval the app confirmed is
/// recorded, so the checker can show none was lost.
/// </summary>
internal sealed partial class ApprovalClerk(string outboxFolder, AppPair apps, TimeProvider clock)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ApprovalAsk> _asks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ApprovalRecord> _confirmed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _problems = new();

    // Attempts per approval across rounds: a 409 after any earlier attempt is that attempt's decision.
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    /// <summary>Approvals the app confirmed, by environment-run instance id.</summary>
    public IReadOnlyDictionary<string, ApprovalRecord> Confirmed => _confirmed;

    /// <summary>What went wrong on the way (mail without links, approvals that had to be tried again).</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>How long to wait after a pipeline's approval mail before approving it (default: at once).</summary>
    public void DelayFor(string releaseInstanceId, TimeSpan delay) => _delays[releaseInstanceId] = delay;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await ReadNewMailAsync(cancellationToken).ConfigureAwait(false);
            foreach (var ask in _asks.Values.Where(a => !_confirmed.ContainsKey(a.EnvironmentRun) && clock.GetUtcNow() >= a.DueAt).ToList())
            {
                try
                {
                    _confirmed[ask.EnvironmentRun] = await ApproveAsync(ask, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
                {
                    // Both processes away for longer than a call's patience; the next round tries again.
                    _problems.Enqueue($"{ask.EnvironmentRun}: approving failed for now: {ex.Message}");
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadNewMailAsync(CancellationToken cancellationToken)
    {
        foreach (var file in Directory.GetFiles(outboxFolder, "*.eml").Order(StringComparer.Ordinal))
        {
            if (_read.Contains(file))
            {
                continue;
            }

            MimeMessage message;
            try
            {
                message = await MimeMessage.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException)
            {
                continue; // still being written: read on the next round
            }

            _read.Add(file);
            var text = message.TextBody ?? "";
            if (PipelineLine().Match(text) is not { Success: true } pipeline || ApproveLine().Match(text) is not { Success: true } approve)
            {
                _problems.Enqueue($"mail {file} has no Pipeline or Approve line");
                continue;
            }

            var environmentRun = pipeline.Groups["id"].Value.Trim();
            var delay = _delays.FirstOrDefault(d => environmentRun.StartsWith(d.Key + ":", StringComparison.Ordinal)).Value;

            // A repeated request (its activity ran again after a kill) sends another mail: the first one is kept.
            _asks.TryAdd(environmentRun, new ApprovalAsk(environmentRun, new Uri(approve.Groups["url"].Value.Trim()), clock.GetUtcNow() + delay));
        }
    }

    private async Task<ApprovalRecord> ApproveAsync(ApprovalAsk ask, CancellationToken cancellationToken)
    {
        return await apps.CallAsync(async app =>
        {
            var attempts = _attempts.AddOrUpdate(ask.EnvironmentRun, 1, (_, previous) => previous + 1);
            var link = new Uri(app.BaseUrl, ask.Link.PathAndQuery);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var shown = await http.GetAsync(link, cancellationToken).ConfigureAwait(false);
            var page = await shown.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (Answered(shown.StatusCode, attempts, ask, page) is { } already)
            {
                return already;
            }

            var action = FormAction().Match(page) is { Success: true } form
                ? new Uri(link, WebUtility.HtmlDecode(form.Groups["action"].Value))
                : throw new InvalidOperationException($"the approval page of {ask.EnvironmentRun} has no form: {page[..Math.Min(page.Length, 300)]}");
            using var content = new FormUrlEncodedContent([KeyValuePair.Create("comment", "Approved by the chaos proof")]);
            using var response = await http.PostAsync(action, content, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK
                ? new ApprovalRecord(ask.EnvironmentRun, clock.GetUtcNow(), (int)response.StatusCode, attempts)
                : Answered(response.StatusCode, attempts, ask, body) ?? throw new InvalidOperationException($"approval of {ask.EnvironmentRun}: the form was refused");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What a non-2xx answer means: 409 "already decided" on a retry is the first attempt's decision (its answer died
    /// with the process that gave it); a 5xx (storage away) is worth another attempt; anything else is a refusal.
    /// </summary>
    private ApprovalRecord? Answered(HttpStatusCode status, int attempts, ApprovalAsk ask, string body)
    {
        if ((int)status is >= 200 and < 300)
        {
            return null;
        }

        if (status == HttpStatusCode.Conflict && attempts > 1)
        {
            return new ApprovalRecord(ask.EnvironmentRun, clock.GetUtcNow(), (int)status, attempts);
        }

        if ((int)status >= 500)
        {
            throw new HttpRequestException($"approval of {ask.EnvironmentRun}: {(int)status}");
        }

        throw new InvalidOperationException($"approval of {ask.EnvironmentRun} answered {(int)status}: {Strip(body)}");
    }

    private static string Strip(string html)
    {
        var text = Tags().Replace(html, " ").Trim();
        return text.Length > 300 ? text[..300] : text;
    }

    [GeneratedRegex(@"^Pipeline: (?<id>\S+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PipelineLine();

    [GeneratedRegex(@"^Approve: (?<url>\S+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ApproveLine();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex FormAction();

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();
}
