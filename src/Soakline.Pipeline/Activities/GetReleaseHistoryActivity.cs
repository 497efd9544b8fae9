using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>The releases that served an environment and component, newest first.</summary>
public sealed class GetReleaseHistoryActivity(IReleaseStore store) : TaskActivity<ReleaseHistoryQuery, IReadOnlyList<DeployedRelease>>
{
    public override async Task<IReadOnlyList<DeployedRelease>> RunAsync(TaskActivityContext context, ReleaseHistoryQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await store.GetReleaseHistoryAsync(input.Environment, input.Component, CancellationToken.None).ConfigureAwait(false);
    }
}
