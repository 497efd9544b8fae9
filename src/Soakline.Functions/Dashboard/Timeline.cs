using System.Globalization;
using System.Text;
using Soakline.Functions.Api;

namespace Soakline.Functions.Dashboard;

/// <summary>A pipeline's recorded transitions drawn as a compact strip (list page) or a full list (pipeline page).</summary>
internal static class Timeline
{
    public static string Strip(IReadOnlyList<TimelineEntry> entries)
    {
        if (entries.Count == 0)
        {
            return "<span class=\"hint\">–</span>";
        }

        var html = new StringBuilder("<ol class=\"strip\">");
        foreach (var e in entries)
        {
            var title = $"{e.Kind} · {Where(e)} · {Html.Time(e.At)}: {e.Detail}";
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"tone-{StatusTone.ForEntry(e.Kind, e.Detail)}\" title=\"{Html.E(title)}\">{Html.E(e.Kind)}</li>");
        }

        return html.Append("</ol>").ToString();
    }

    public static string List(IReadOnlyList<TimelineEntry> entries)
    {
        var html = new StringBuilder("<ol id=\"timeline\" class=\"timeline\">");
        if (entries.Count == 0)
        {
            html.Append("<li class=\"empty\">Nothing recorded yet.</li>");
        }

        foreach (var e in entries)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"tone-{StatusTone.ForEntry(e.Kind, e.Detail)}\"><span class=\"dot\"></span><div>")
                .Append(CultureInfo.InvariantCulture, $"<div>{Html.Badge(e.Kind, StatusTone.ForEntry(e.Kind, e.Detail))} <span class=\"hint\">{Html.E(Where(e))} · {Html.E(Html.Time(e.At))}{(e.Actor is null ? string.Empty : " · " + Html.E(e.Actor))}</span></div>")
                .Append(CultureInfo.InvariantCulture, $"<div class=\"detail\">{Html.E(e.Detail)}</div></div></li>");
        }

        return html.Append("</ol>").ToString();
    }

    /// <summary>
    /// The entry's environment; steps before the branch rules picked one are recorded under "(none)", which reads as
    /// if there were an environment of that name.
    /// </summary>
    private static string Where(TimelineEntry entry) =>
        entry.Environment == Pipeline.Orchestration.ReleaseOrchestrator.NoEnvironment ? "no environment yet" : entry.Environment;
}
