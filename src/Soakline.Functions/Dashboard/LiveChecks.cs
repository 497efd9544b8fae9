using System.Globalization;
using System.Text.Json;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// What the live canary view's table of the last analysis (<c>Slices/ChecksTable.cshtml</c>) says of each check: its
/// value against its limit and its verdict. A dry-run metric's row is marked "dry run" and shows what it would have
/// decided in a muted badge, since it decides nothing. dashboard.js redraws the same table from <c>status.lastChecks</c>.
/// </summary>
internal static class LiveChecks
{
    /// <summary>The checks in a run's custom status; none when it has no analysis yet.</summary>
    public static IReadOnlyList<JsonElement> Checks(JsonElement status) =>
        PipelineFacts.Walk(status, "lastChecks") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : [];

    public static bool IsDryRun(JsonElement check) => PipelineFacts.Walk(check, "dryRun") is { ValueKind: JsonValueKind.True };

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

    public static string Value(JsonElement check, string name) =>
        PipelineFacts.Walk(check, name) is { ValueKind: JsonValueKind.Number } number ? number.GetDouble().ToString("0.###", CultureInfo.InvariantCulture) : "–";
}
