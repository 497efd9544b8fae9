using Microsoft.DurableTask;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Creates the GitHub deployment record a pipeline reports its progress on.</summary>
public sealed class CreateDeploymentActivity(ISourceControl sourceControl) : TaskActivity<DeploymentRequest, DeploymentRef>
{
    public override async Task<DeploymentRef> RunAsync(TaskActivityContext context, DeploymentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await sourceControl.CreateDeploymentAsync(input.Commit, input.Environment, input.Description, CancellationToken.None).ConfigureAwait(false);
    }
}
