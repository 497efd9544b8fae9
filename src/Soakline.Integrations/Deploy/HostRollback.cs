using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Deploy;

/// <summary>
/// Switches one host to its previous release, or to a named one that is still on the host, and restarts. A host
/// already on a named target whose restart is recorded (<see cref="ReleaseLayout.RestartedMarker"/>) is left alone.
/// </summary>
internal sealed class HostRollback(HostReleaseSteps steps, ReleaseId? toRelease)
{
    public async Task<HostDeployResult> RunAsync(Func<TimeSpan> elapsed, CancellationToken cancellationToken)
    {
        var state = await steps.ReadStateAsync(cancellationToken);
        ReleaseId target;
        if (toRelease is not null)
        {
            if (!state.Has(toRelease))
            {
                return Result(false, state.Current, $"release {toRelease} is not on this host (it has: {Describe(state)})");
            }

            target = toRelease;
        }
        else if (state.Current is null)
        {
            return Result(false, null, "no current release to roll back from");
        }
        else if (state.Previous is not { } previous)
        {
            return Result(false, state.Current, $"no release older than {state.Current} is left on this host");
        }
        else
        {
            target = previous;
        }

        try
        {
            // Rollbacks run at least once too (a retried activity, a rollback run again after a crash): a host already
            // on the target, with its restart recorded, is a verified no-op. Restarting it again would be a second
            // restart of the same release, a blip the first rollback did not promise. Confirmed behind the fence, so an
            // older decision still in flight cannot act after this one; if one did act since the read, this one acts.
            if (state.Current == target && !steps.AwaitsRestart(target, state) && await steps.ConfirmActiveAsync(target, cancellationToken))
            {
                return new HostDeployResult(steps.Host.Name, true, target, state.Current, elapsed());
            }

            // Already current (a first attempt died before its restart): the switch changes nothing, the restart runs once.
            await steps.SwitchAsync(target, cancellationToken);
        }
        catch (DeployHostException failure)
        {
            // A refusal by the fence (StaleDecisionException) lands here too: a later decision owns the host now.
            return Result(false, state.Current, failure.Message);
        }

        try
        {
            await steps.RestartAsync(target, null, cancellationToken);
        }
        catch (StaleDecisionException stale)
        {
            return Result(false, null, stale.Message);
        }
        catch (DeployHostException failure)
        {
            return Result(false, target, failure.Message);
        }

        return new HostDeployResult(steps.Host.Name, true, target, state.Current, elapsed());

        HostDeployResult Result(bool succeeded, ReleaseId? active, string error) =>
            new(steps.Host.Name, succeeded, active, state.Current, elapsed(), error);
    }

    private static string Describe(HostReleaseState state) =>
        state.Available.Count == 0 ? "none" : string.Join(", ", state.Available.Select(r => r.Value));
}
