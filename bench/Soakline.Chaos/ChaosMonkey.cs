using Soakline.Demo.Kit.Processes;

namespace Soakline.Chaos;

/// <summary>The driver's destructive half: SIGKILLs the planned process at the planned moments, restarting it each time, and restarts Azurite after the planned kills.</summary>
internal sealed class ChaosMonkey(ChaosPlan plan, AppPair apps, AzuriteServer azurite, ChaosProgress progress, TimeProvider clock)
{
    /// <summary>How long Azurite stays down on each restart.</summary>
    public static readonly TimeSpan AzuriteDowntime = TimeSpan.FromSeconds(2);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < plan.Kills.Count; i++)
        {
            var kill = plan.Kills[i];
            await Task.Delay(kill.After, clock, cancellationToken).ConfigureAwait(false);
            await apps.KillAndRestartAsync(kill.Process, cancellationToken).ConfigureAwait(false);
            progress.Killed(AppPair.NameOf(kill.Process));
            if (plan.AzuriteRestartAfterKill.Contains(i + 1))
            {
                await azurite.RestartAsync(AzuriteDowntime).ConfigureAwait(false);
                progress.AzuriteRestarted();
            }
        }
    }
}
