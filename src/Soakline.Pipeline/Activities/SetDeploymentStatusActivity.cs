using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Adds a status (in progress, success, failure) to a deployment record.</summary>
public sealed class SetDeploymentStatusActivity(ISourceControl sourceControl) : TaskActivity<DeploymentStatusUpdate, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DeploymentStatusUpdate input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await sourceControl.SetDeploymentStatusAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
