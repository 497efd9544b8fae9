using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Adapters.Probes;

/// <summary>The traffic router, noting in <see cref="ServedReleases"/> which release each host serves after every shift and restore.</summary>
internal sealed class ReleaseTrackingRouter(ITrafficRouter inner, ServedReleases releases) : ITrafficRouter
{
    public async Task<TrafficState> ShiftAsync(TrafficShift shift, CancellationToken cancellationToken) =>
        Note(await inner.ShiftAsync(shift, cancellationToken).ConfigureAwait(false));

    public async Task<TrafficState> RestoreAsync(TrafficState previous, CancellationToken cancellationToken) =>
        Note(await inner.RestoreAsync(previous, cancellationToken).ConfigureAwait(false));

    private TrafficState Note(TrafficState state)
    {
        foreach (var host in state.Hosts ?? [])
        {
            releases.Set(host, (state.CanaryHosts.Contains(host, StringComparer.Ordinal) ? state.CanaryRelease : state.StableRelease).Value);
        }

        return state;
    }
}
