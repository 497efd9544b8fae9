using Soakline.Functions.Api;

namespace Soakline.Functions.Dashboard;

/// <summary>How a pipeline's recorded transitions are labelled: a compact strip (list page) or a full list (pipeline page).</summary>
internal static class Timeline
{
    /// <summary>The strip's hover text for one step.</summary>
    public static string Title(TimelineEntry entry) => $"{entry.Kind} · {Where(entry)} · {DisplayTime.Of(entry.At)}: {entry.Detail}";

    /// <summary>
    /// The entry's environment; steps before the branch rules picked one are recorded under "(none)", which reads as
    /// if there were an environment of that name.
    /// </summary>
    public static string Where(TimelineEntry entry) =>
        entry.Environment == Pipeline.Orchestration.ReleaseOrchestrator.NoEnvironment ? "no environment yet" : entry.Environment;
}
