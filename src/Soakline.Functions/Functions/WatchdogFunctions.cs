using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Watchdog;

namespace Soakline.Functions.Functions;

/// <summary>
/// The watchdog timer (Azure mode); standalone, <see cref="WatchdogScheduler"/> fires the same schedule. A plain timer
/// function, not an orchestration, so it runs while the durable worker is stuck. The watchdog is resolved only after
/// the invocation's client is in <see cref="DurableClientScope"/>, since it depends on the client.
/// </summary>
internal sealed class WatchdogFunctions(DurableClientScope durable, IServiceProvider services, ILogger<WatchdogFunctions> logger)
{
    [Function(WatchdogTimer.Function)]
    public Task Run(
        [TimerTrigger(WatchdogTimer.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
        => RunAsync(timer, client, cancellationToken);

    internal async Task<WatchdogSweep> RunAsync(TimerInfo timer, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        durable.Use(client);
        var sweep = await services.GetRequiredService<StuckPipelineWatchdog>().RunAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "{Function}: {Watched} pipelines watched, {Opened} found stuck, {Resolved} moving again (past due: {PastDue})",
            WatchdogTimer.Function, sweep.Watched, sweep.Opened.Count, sweep.Resolved.Count, timer.IsPastDue);
        return sweep;
    }
}
