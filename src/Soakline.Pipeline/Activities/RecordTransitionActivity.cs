using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Adds one transition to the audit trail.</summary>
public sealed class RecordTransitionActivity(IReleaseStore store) : TaskActivity<ReleaseTransition, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReleaseTransition input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.RecordAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
