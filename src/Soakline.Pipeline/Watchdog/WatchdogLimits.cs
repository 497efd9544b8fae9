namespace Soakline.Pipeline.Watchdog;

/// <summary>How late a pipeline's next step may be before the watchdog calls it stuck.</summary>
/// <param name="Grace">How long after a published due time (<c>NextStepDue</c>) the step may still happen: timers fire a little late on a busy host.</param>
/// <param name="StepLimit">How long a run may go without any progress while it waits on an activity or a sub-orchestration (no due time to go by).</param>
/// <param name="PendingLimit">How long an instance may stay Pending (created, no worker started it) before it is stuck.</param>
public sealed record WatchdogLimits(TimeSpan Grace, TimeSpan StepLimit, TimeSpan PendingLimit)
{
    /// <summary>5 minutes of grace, 30 minutes per step (deployments over SSH with retries), 10 minutes Pending.</summary>
    public static WatchdogLimits Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10));
}
