using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Soakline.Functions.Scheduling;

/// <summary>
/// Standalone only: fires the monitor timers on their NCRONTAB schedules (the same ones the Functions host would use),
/// on the app's <see cref="TimeProvider"/> so tests drive it with a fake clock. Each occurrence starts its sweep in a
/// scope of its own, as a timer invocation does under Azure Functions.
/// </summary>
public sealed class MonitorScheduler(MonitorSchedules schedules, IServiceScopeFactory scopes, TimeProvider clock, ILogger<MonitorScheduler> logger) : BackgroundService
{
    /// <summary>The occurrence the scheduler waits for (set once its timer is armed); null before start or after stop.</summary>
    public DateTimeOffset? NextOccurrence { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var (function, expression) in schedules.Expressions)
        {
            logger.LogInformation("Monitor timer {Function}: {Schedule} (UTC)", function, expression);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            if (schedules.Next(clock.GetUtcNow()) is not { } next)
            {
                return;
            }

            var wait = next - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    var timer = Task.Delay(wait, clock, stoppingToken);
                    NextOccurrence = next;
                    await timer;
                }
                catch (OperationCanceledException)
                {
                    NextOccurrence = null;
                    return;
                }
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMonitorSweepStarter>().StartAsync(next, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed start must not stop the schedule; the next occurrence tries again.
                logger.LogError(ex, "Monitor sweep for {Occurrence:O} could not be started", next);
            }
        }
    }
}
