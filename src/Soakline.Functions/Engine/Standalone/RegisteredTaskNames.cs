using Microsoft.DurableTask;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// The orchestrator and activity names a <see cref="DurableTaskRegistry"/> holds, for clear errors (the worker) and for
/// refusing to start an orchestration nothing here could run (the client).
/// </summary>
internal sealed class RegisteredTaskNames
{
    private readonly HashSet<TaskName> _orchestrators;
    private readonly HashSet<TaskName> _activities;

    private RegisteredTaskNames(IEnumerable<TaskName> orchestrators, IEnumerable<TaskName> activities)
    {
        // TaskName compares case-insensitively, as the SDK's registry does.
        _orchestrators = [.. orchestrators];
        _activities = [.. activities];
    }

    /// <summary>True when the registry has orchestrators at all; an empty one (a client-only process) cannot judge names.</summary>
    public bool HasOrchestrators => _orchestrators.Count > 0;

    public IReadOnlyCollection<TaskName> Orchestrators => _orchestrators;

    public IReadOnlyCollection<TaskName> Activities => _activities;

    public static RegisteredTaskNames From(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return new RegisteredTaskNames(registry.GetOrchestrators().Select(o => o.Key), registry.GetActivities().Select(a => a.Key));
    }

    public bool HasOrchestrator(TaskName name) => _orchestrators.Contains(name);

    public string UnknownOrchestratorMessage(TaskName name) =>
        $"No orchestrator named '{name.Name}' is registered with this Soakline process (registered: {List(_orchestrators)}).";

    public string UnknownActivityMessage(TaskName name) =>
        $"No activity named '{name.Name}' is registered with this Soakline process (registered: {List(_activities)}).";

    private static string List(IEnumerable<TaskName> names)
    {
        var sorted = names.Select(n => n.Name).Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? "none" : string.Join(", ", sorted);
    }
}
