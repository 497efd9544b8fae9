using Soakline.Functions.Scheduling;

namespace Soakline.Functions.CustomHandler;

/// <summary>
/// A timer-trigger invocation: starts the monitor sweep of the schedule occurrence that fired. The host sends the
/// timer's state (Schedule, ScheduleStatus, IsPastDue) but not the occurrence itself, so it is the latest occurrence
/// of the function's schedule at or before now; the two monitor timers firing at one instant start one sweep.
/// </summary>
public sealed class TimerInvocationHandler(IMonitorSweepStarter sweeps, MonitorSchedules schedules, TimeProvider clock)
{
    public async Task<InvocationResponse> HandleAsync(FunctionDefinition function, InvocationRequest invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(invocation);
        if (InvocationValues.Get(invocation.Data, function.TriggerBinding) is null)
        {
            throw new InvalidInvocationException($"Data.{function.TriggerBinding} (the timer) is missing.");
        }

        var now = clock.GetUtcNow();
        var occurrence = schedules.LatestOccurrence(function.Name, now) ?? new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var instanceId = await sweeps.StartAsync(occurrence, cancellationToken);
        var log = instanceId is null ? $"monitor sweep for {occurrence:O} not started: no monitoring configured" : $"monitor sweep {instanceId} for {occurrence:O}";
        return new InvocationResponse([], [log], instanceId);
    }
}
