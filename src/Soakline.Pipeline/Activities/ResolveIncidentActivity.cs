using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Closes the open incident for a key, if there is one.</summary>
public sealed class ResolveIncidentActivity(IIncidentTracker incidents) : TaskActivity<IncidentResolution, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, IncidentResolution input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await incidents.ResolveAsync(input.Key, input.Resolution, CancellationToken.None).ConfigureAwait(false);
    }
}
