using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Routes a share of traffic to the canary.</summary>
public sealed class ShiftTrafficActivity(ITrafficRouter router) : TaskActivity<TrafficShift, TrafficState>
{
    public override async Task<TrafficState> RunAsync(TaskActivityContext context, TrafficShift input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await router.ShiftAsync(input, CancellationToken.None).ConfigureAwait(false);
    }
}
