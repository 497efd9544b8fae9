using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Switches hosts of one component back to the previous or a named release.</summary>
public sealed class RollbackComponentActivity(IDeployTarget deployTarget) : TaskActivity<RollbackRequest, DeployResult>
{
    public override async Task<DeployResult> RunAsync(TaskActivityContext context, RollbackRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await deployTarget.RollbackAsync(input, CancellationToken.None).ConfigureAwait(false);
    }
}
