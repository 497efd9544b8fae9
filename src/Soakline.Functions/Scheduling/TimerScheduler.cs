using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Soakline.Functions.Scheduling;

/// <summary>
/// Standalone only: fires timer functions on their NCRONTAB schedules (the same ones the Functions host would use), on
/// the app's <see cref="TimeProvider"/> so tests drive it with a fake clock. Each occurrence runs in a scope of its own,
/// as a timer invocation does under Azure Functions; one that fails is logged and the schedule goes on.
/// </summary>
internal abstract class TimerScheduler(MonitorSchedules schedules, IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The occurrence the scheduler waits for (set once its timer is armed); null before start or after stop.</summary>
    public DateTimeOffset? NextOccurrence { get; private set; }

    /// <summary>What an occurrence does, for the log ("Monitor sweep", "Watchdog run").</summary>
    protected abstract string Occurrence { get; }

    /// <summary>Runs one occurrence with the services of its own scope.</summary>
    protected abstract Task FireAsync(IServiceProvider services, DateTimeOffset occurrence, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var (function, expression) in schedules.Expressions)
        {
            logger.LogInformation("Timer {Function}: {Schedule} (UTC)", function, expression);
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
                await FireAsync(scope.ServiceProvider, next, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed occurrence must not stop the schedule; the next one tries again.
                logger.LogError(ex, "{Occurrence} for {At:O} failed", Occurrence, next);
            }
        }
    }
}
