using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Scheduling;

namespace Soakline.Functions.Functions;

/// <summary>
/// The monitor timers (Azure mode); standalone, <see cref="MonitorScheduler"/> fires the same schedules. The host sends
/// the timer's state but not the occurrence, so the sweep is the latest occurrence of the function's schedule at or
/// before now; the two timers firing at one instant start one sweep. The sweep starter is resolved only after the
/// invocation's client is in <see cref="DurableClientScope"/>, since it depends on the client.
/// </summary>
internal sealed class MonitorFunctions(DurableClientScope durable, IServiceProvider services, MonitorSchedules schedules, TimeProvider clock, ILogger<MonitorFunctions> logger)
{
    [Function(MonitorTimers.BusinessHoursFunction)]
    public Task BusinessHours(
        [TimerTrigger(MonitorTimers.BusinessHoursSchedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => StartSweepAsync(MonitorTimers.BusinessHoursFunction, timer, client, cancellationToken);

    [Function(MonitorTimers.OffHoursFunction)]
    public Task OffHours(
        [TimerTrigger(MonitorTimers.OffHoursSchedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => StartSweepAsync(MonitorTimers.OffHoursFunction, timer, client, cancellationToken);

    internal async Task<string?> StartSweepAsync(string function, TimerInfo timer, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        durable.Use(client);
        var now = clock.GetUtcNow();
        var occurrence = schedules.LatestOccurrence(function, now) ?? new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var instanceId = await services.GetRequiredService<IMonitorSweepStarter>().StartAsync(occurrence, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("{Function}: monitor sweep {InstanceId} for {Occurrence:O} (past due: {PastDue})", function, instanceId ?? "not started, no monitoring configured", occurrence, timer.IsPastDue);
        return instanceId;
    }
}
