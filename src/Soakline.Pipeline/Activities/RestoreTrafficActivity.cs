using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Puts routing back to an earlier state (rollback).</summary>
public sealed class RestoreTrafficActivity(ITrafficRouter router) : TaskActivity<TrafficState, TrafficState>
{
    public override async Task<TrafficState> RunAsync(TaskActivityContext context, TrafficState input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await router.RestoreAsync(input, CancellationToken.None).ConfigureAwait(false);
    }
}
