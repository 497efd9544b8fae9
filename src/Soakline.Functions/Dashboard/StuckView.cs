using System.Globalization;
using Soakline.Functions.Api;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// How the dashboard shows a pipeline the watchdog found stuck: a "Stuck" badge with "since ...: reason" in the list's
/// status cell, and a banner on the pipeline's page (with the incident's link when one was opened).
/// </summary>
internal static class StuckView
{
    public static string Cell(StuckSummary? stuck) =>
        stuck is null
            ? string.Empty
            : $"<br><span class=\"stuck\" title=\"{Html.E(stuck.Reason)}\">{Html.Badge("Stuck", "bad")} <span class=\"hint reason\">{Html.E(Since(stuck))}</span></span>";

    public static string Banner(StuckSummary? stuck)
    {
        if (stuck is null)
        {
            return string.Empty;
        }

        var incident = stuck.Incident is { } url ? $" <a href=\"{Html.E(url.AbsoluteUri)}\">incident</a>" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"<p id=\"stuck\" class=\"outcome stuck\">{Html.Badge("Stuck", "bad")} <span class=\"reason\">{Html.E(Since(stuck))}: {Html.E(stuck.Reason)}</span>{incident}</p>");
    }

    private static string Since(StuckSummary stuck) => "stuck since " + Html.Time(stuck.Since);
}
