using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Gives an environment up for the next pipeline.</summary>
public sealed class ReleaseEnvironmentActivity(IReleaseStore store) : TaskActivity<EnvironmentLeaseRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, EnvironmentLeaseRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.ReleaseEnvironmentAsync(input.Environment, input.Holder, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
