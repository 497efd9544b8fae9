using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// The live canary view's table of the last analysis: each check's value against its limit and its verdict. A dry-run
/// metric's row is marked "dry run" and shows what it would have decided in a muted badge, since it decides nothing.
/// dashboard.js redraws the same table from <c>status.lastChecks</c> on every poll.
/// </summary>
internal static class LiveChecks
{
    /// <summary>The table for a run's custom status; an empty row when the status has no checks yet.</summary>
    public static string Table(JsonElement? status)
    {
        var html = new StringBuilder("<table id=\"live-checks\"><thead><tr><th>Check</th><th class=\"num\">Value</th><th class=\"num\">Limit</th><th>Verdict</th><th>Detail</th></tr></thead><tbody>");
        var checks = PipelineFacts.Walk(status, "lastChecks") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : [];
        if (checks.Count == 0)
        {
            html.Append("<tr><td colspan=\"5\" class=\"empty\">No analysis yet.</td></tr>");
        }

        foreach (var check in checks)
        {
            var dryRun = PipelineFacts.Walk(check, "dryRun") is { ValueKind: JsonValueKind.True };
            var (verdict, tone) = Verdict(PipelineFacts.Number(check, "status"), dryRun);
            html.Append(CultureInfo.InvariantCulture, $"<tr{(dryRun ? " class=\"dry-run\"" : string.Empty)}><td>{Html.E(PipelineFacts.Text(check, "name"))}{(dryRun ? " <span class=\"hint\">dry run</span>" : string.Empty)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Html.E(Value(check, "value"))}</td><td class=\"num\">{Html.E(Value(check, "limit"))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.Badge(verdict, tone)}</td><td class=\"hint\">{Html.E(PipelineFacts.Text(check, "detail"))}</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The verdict's word and tone for a CheckStatus number (0 pass, 1 breach, 2 no data, 3 unhealthy, 4 judged worse than the baseline); a dry run's is "would ..." and muted.</summary>
    internal static (string Text, string Tone) Verdict(int status, bool dryRun) => (status, dryRun) switch
    {
        (0, false) => ("ok", "ok"),
        (1, false) => ("breach", "bad"),
        (2, false) => ("no data", "warn"),
        (4, false) => ("judge: worse", "bad"),
        (_, false) => ("unhealthy", "bad"),
        (0, true) => ("would pass", "muted"),
        (1, true) => ("would breach", "muted"),
        (2, true) => ("would fail on no data", "muted"),
        (4, true) => ("judge would fail", "muted"),
        _ => ("would fail", "muted"),
    };

    private static string Value(JsonElement check, string name) =>
        PipelineFacts.Walk(check, name) is { ValueKind: JsonValueKind.Number } number ? number.GetDouble().ToString("0.###", CultureInfo.InvariantCulture) : "–";
}
