namespace Soakline.Pipeline.Watchdog;

/// <summary>What the engine says an instance is doing, as far as the stuck-pipeline watchdog cares.</summary>
public enum WatchedState
{
    /// <summary>Created but not started by any worker yet.</summary>
    Pending,

    /// <summary>Started and not finished: it should keep moving.</summary>
    Running,

    /// <summary>Paused on purpose by an operator: never reported as stuck.</summary>
    Suspended,

    /// <summary>Completed, failed or terminated: nothing more is due.</summary>
    Ended,
}
