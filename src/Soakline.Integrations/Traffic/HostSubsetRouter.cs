using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Traffic;

/// <summary>
/// Canary by host subset: ceil(p x N) hosts serve the canary release, the rest the stable one. Hosts are switched
/// with the deploy target's switch-and-restart (a rollback to a named release), so both releases must already be
/// on every host: deploy the canary with <see cref="DeployRequest.Activate"/> = false first. Only hosts whose
/// current release differs are touched.
/// </summary>
public sealed class HostSubsetRouter(IDeployTarget deployTarget) : ITrafficRouter
{
    public async Task<TrafficState> ShiftAsync(TrafficShift shift, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shift);
        var canaryHosts = CanaryHostSelection.Select(shift.Hosts, shift.Percent);
        await ApplyAsync(shift.Target, shift.Hosts, canaryHosts, shift.StableRelease, shift.CanaryRelease, $"canary at {shift.Percent} %", shift.Fence, cancellationToken);
        return new TrafficState(shift.Target.Component, shift.Percent, CanaryHostSelection.EffectivePercent(canaryHosts.Count, shift.Hosts.Count),
            shift.StableRelease, shift.CanaryRelease, canaryHosts, shift.Hosts, shift.Target);
    }

    public async Task<TrafficState> RestoreAsync(TrafficState previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (previous.Hosts is not { } hosts || previous.Target is not { } target)
        {
            throw new ArgumentException("previous: the state carries no Hosts/Target; restore a state that a router returned.", nameof(previous));
        }

        await ApplyAsync(target, hosts, previous.CanaryHosts, previous.StableRelease, previous.CanaryRelease,
            $"restoring canary at {previous.RequestedPercent} %", previous.Fence, cancellationToken);
        return previous;
    }

    private async Task ApplyAsync(
        ComponentTarget target, IReadOnlyList<string> hosts, IReadOnlyList<string> canaryHosts, ReleaseId stable, ReleaseId canary,
        string reason, EffectFence? fence, CancellationToken cancellationToken)
    {
        var current = await deployTarget.GetReleasesAsync(target, hosts, cancellationToken);
        var unreadable = current.Where(h => h.Error is not null).ToList();
        if (unreadable.Count > 0)
        {
            throw new TrafficShiftException($"{reason}: cannot read releases of {string.Join("; ", unreadable.Select(h => $"{h.Host}: {h.Error}"))}");
        }

        var wanted = hosts.ToDictionary(h => h, h => canaryHosts.Contains(h) ? canary : stable, StringComparer.Ordinal);
        var moves = current.Where(h => h.Current != wanted[h.Host]).GroupBy(h => wanted[h.Host]);
        foreach (var move in moves)
        {
            var result = await deployTarget.RollbackAsync(new RollbackRequest(target, move.Select(h => h.Host).ToList(), move.Key, reason, fence), cancellationToken);
            if (!result.AllSucceeded)
            {
                throw new TrafficShiftException(
                    $"{reason}: switching to {move.Key} failed on {string.Join("; ", result.Hosts.Where(h => !h.Succeeded).Select(h => $"{h.Host}: {h.Error}"))}");
            }
        }
    }
}
