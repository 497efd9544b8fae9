using Soakline.Functions.Api;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// How the dashboard words a pipeline the watchdog found stuck: a "Stuck" badge with "stuck since ...: reason" in the
/// list's status cell, and a banner on the pipeline's page with the incident's link when one was opened (both in the slices).
/// </summary>
internal static class StuckView
{
    public static string Since(StuckSummary stuck) => "stuck since " + DisplayTime.Of(stuck.Since);
}
