using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Soakline.Functions.Scheduling;

/// <summary>
/// Standalone only: fires the monitor timers on their NCRONTAB schedules (the same ones the Functions host would use)
/// and starts each occurrence's sweep, as <see cref="Functions.MonitorFunctions"/> does under Azure Functions.
/// </summary>
internal sealed class MonitorScheduler(MonitorSchedules schedules, IServiceScopeFactory scopes, TimeProvider clock, ILogger<MonitorScheduler> logger)
    : TimerScheduler(schedules, scopes, clock, logger)
{
    protected override string Occurrence => "Monitor sweep start";

    protected override Task FireAsync(IServiceProvider services, DateTimeOffset occurrence, CancellationToken cancellationToken) =>
        services.GetRequiredService<IMonitorSweepStarter>().StartAsync(occurrence, cancellationToken);
}
