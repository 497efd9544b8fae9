using Soakline.Demo.Kit.Processes;

namespace Soakline.Chaos;

/// <summary>
/// The driver's destructive half: at each planned moment SIGKILLs the planned process (or the other one when the
/// planned one is still starting again), and starts the killed one again in the background, so kills keep their pace
/// and sometimes both processes are down at once. Restarts Azurite after the planned kills.
/// </summary>
internal sealed class ChaosMonkey(ChaosPlan plan, AppPair apps, AzuriteServer azurite, ChaosProgress progress, TimeProvider clock)
{
    /// <summary>How long Azurite stays down on each restart.</summary>
    public static readonly TimeSpan AzuriteDowntime = TimeSpan.FromSeconds(2);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var restarts = new List<Task>();
        for (var i = 0; i < plan.Kills.Count; i++)
        {
            var kill = plan.Kills[i];
            await Task.Delay(kill.After, clock, cancellationToken).ConfigureAwait(false);
            var target = await apps.PickToKillAsync(kill.Process, cancellationToken).ConfigureAwait(false);
            await apps.KillAsync(target).ConfigureAwait(false);
            progress.Killed(AppPair.NameOf(target));
            restarts.Add(apps.RestartAsync(target, cancellationToken));
            if (plan.AzuriteRestartAfterKill.Contains(i + 1))
            {
                await azurite.RestartAsync(AzuriteDowntime).ConfigureAwait(false);
                progress.AzuriteRestarted();
            }
        }

        await Task.WhenAll(restarts).ConfigureAwait(false);
        progress.ChaosEnded();
    }
}
