using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Opens the incident for a key, or updates the open one.</summary>
public sealed class OpenIncidentActivity(IIncidentTracker incidents) : TaskActivity<IncidentReport, IncidentRef>
{
    public override async Task<IncidentRef> RunAsync(TaskActivityContext context, IncidentReport input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await incidents.OpenOrUpdateAsync(input, CancellationToken.None).ConfigureAwait(false);
    }
}
