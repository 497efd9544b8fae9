using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Scheduling;

namespace Soakline.Functions.Watchdog;

/// <summary>
/// Standalone only: runs the watchdog on <see cref="WatchdogTimer"/>'s schedule, as <see cref="Functions.WatchdogFunctions"/> does
/// under Azure Functions. It runs beside the durable worker, not through it: a stuck worker does not stop it.
/// </summary>
internal sealed class WatchdogScheduler(WatchdogSchedule schedule, IServiceScopeFactory scopes, TimeProvider clock, ILogger<WatchdogScheduler> logger)
    : TimerScheduler(schedule.Schedules, scopes, clock, logger)
{
    protected override string Occurrence => "Watchdog run";

    protected override Task FireAsync(IServiceProvider services, DateTimeOffset occurrence, CancellationToken cancellationToken) =>
        services.GetRequiredService<StuckPipelineWatchdog>().RunAsync(cancellationToken);
}
