using System.Collections.Concurrent;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration.Fakes;

/// <summary>Remembers the share of traffic each component's canary gets.</summary>
internal sealed class FakeTrafficRouter : ITrafficRouter
{
    public ConcurrentQueue<TrafficShift> Shifts { get; } = new();

    public ConcurrentQueue<TrafficState> Restores { get; } = new();

    /// <summary>The canary share currently routed (the last shift, or 0 after a restore).</summary>
    public int CurrentPercent { get; private set; }

    /// <summary>The share the router reports it applied; by default exactly the one requested.</summary>
    public Func<TrafficShift, double> Effective { get; set; } = shift => shift.Percent;

    public Task<TrafficState> ShiftAsync(TrafficShift shift, CancellationToken cancellationToken)
    {
        Shifts.Enqueue(shift);
        CurrentPercent = shift.Percent;
        return Task.FromResult(new TrafficState(shift.Target.Component, shift.Percent, Effective(shift), shift.StableRelease, shift.CanaryRelease, []));
    }

    public Task<TrafficState> RestoreAsync(TrafficState previous, CancellationToken cancellationToken)
    {
        Restores.Enqueue(previous);
        CurrentPercent = previous.RequestedPercent;
        return Task.FromResult(previous);
    }
}
