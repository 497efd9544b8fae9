using System.Globalization;

namespace Soakline.Pipeline.Watchdog;

/// <summary>
/// Decides from instance metadata alone whether a pipeline's next step is overdue, so the watchdog never needs the
/// durable worker (which may be the thing that is stuck). A pipeline waits on its running environment run, so that run
/// is judged; otherwise the pipeline itself. Three ways to be overdue:
/// <list type="bullet">
/// <item>Pending longer than <see cref="WatchdogLimits.PendingLimit"/> since it was created: no worker picked it up.</item>
/// <item>A published due time (<c>NextStepDue</c>: the soak's next analysis, the approval deadline, a poll) that passed
/// more than <see cref="WatchdogLimits.Grace"/> ago with no update since: the timer fired and nothing handled it.</item>
/// <item>No due time to wait for and no update for <see cref="WatchdogLimits.StepLimit"/>: an activity or sub-orchestration
/// that never completed.</item>
/// </list>
/// A run waiting on its timer before the due time (a long soak, an approval before its deadline) is not stuck.
/// </summary>
public sealed class StuckPipelineDetector(WatchdogLimits limits, TimeProvider clock)
{
    /// <summary>The verdict for a pipeline and its environment runs; null when it is moving or has nothing left to do.</summary>
    public StuckVerdict? Check(WatchedInstance pipeline, IReadOnlyList<WatchedInstance> environmentRuns)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(environmentRuns);
        var now = clock.GetUtcNow();
        switch (pipeline.State)
        {
            case WatchedState.Pending:
                return PendingTooLong(pipeline, "the pipeline", now);
            case WatchedState.Running:
                break;
            default:
                return null;
        }

        // The parent waits on its environment run while that runs: the child is where the next step is due.
        var active = environmentRuns.Where(r => r.State is WatchedState.Pending or WatchedState.Running or WatchedState.Suspended).MaxBy(r => r.CreatedAt);
        switch (active?.State)
        {
            case WatchedState.Suspended:
                return null;
            case WatchedState.Pending:
                return PendingTooLong(active, $"the environment run {active.InstanceId}", now);
            case WatchedState.Running:
                return Overdue(active, active.LastUpdatedAt, now);
        }

        // An environment run that ended after the pipeline's last update is progress the pipeline has yet to handle.
        var progress = environmentRuns.Select(r => r.LastUpdatedAt).Append(pipeline.LastUpdatedAt).Max();
        return Overdue(pipeline, progress, now);
    }

    private StuckVerdict? PendingTooLong(WatchedInstance instance, string what, DateTimeOffset now) =>
        now - instance.CreatedAt > limits.PendingLimit
            ? new StuckVerdict(instance.InstanceId, instance.CreatedAt, $"{Capitalized(what)} has been Pending since {At(instance.CreatedAt)}: no worker started it within {limits.PendingLimit:c}.", instance.LastUpdatedAt)
            : null;

    private StuckVerdict? Overdue(WatchedInstance instance, DateTimeOffset progress, DateTimeOffset now)
    {
        var stage = instance.Status?.Stage ?? "starting";
        if (instance.Status?.NextStepDue is { } due && progress < due)
        {
            // Waiting on a durable timer: legitimate until it fires (plus grace), however long that is.
            return now - due > limits.Grace
                ? new StuckVerdict(instance.InstanceId, due, $"{instance.InstanceId} ({stage}): {TimedStep(stage)} was due at {At(due)} and has not happened.", progress)
                : null;
        }

        return now - progress > limits.StepLimit
            ? new StuckVerdict(instance.InstanceId, progress, $"{instance.InstanceId} ({stage}): no step has completed since {At(progress)} (an activity or sub-orchestration still running after the {limits.StepLimit:c} limit).", progress)
            : null;
    }

    /// <summary>Names the step a timer was waiting for, from the stage the orchestrators publish.</summary>
    private static string TimedStep(string stage) => stage switch
    {
        "awaiting-approval" => "the approval deadline",
        "gate" => "the next poll of the gate's checks",
        "queued" => "the next try to acquire the environment",
        _ when stage.EndsWith("soaking", StringComparison.Ordinal) => "the soak's next analysis (or its end)",
        _ => "the step after its timer",
    };

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
