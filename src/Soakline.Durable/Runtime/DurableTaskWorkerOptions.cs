namespace Soakline.Durable.Runtime;

/// <summary>How much a worker does at once.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Orchestration steps processed in parallel (each on a different instance).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 4;

    /// <summary>Activities run in parallel: the bound on fan-out work per worker.</summary>
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>Pause after a backend error before polling again, so a storage outage is not a busy loop.</summary>
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(1);
}
