using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Which releases each host has (to check that a named rollback target exists everywhere).</summary>
public sealed class GetHostReleasesActivity(IDeployTarget deployTarget) : TaskActivity<HostReleasesQuery, IReadOnlyList<HostReleases>>
{
    public override async Task<IReadOnlyList<HostReleases>> RunAsync(TaskActivityContext context, HostReleasesQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await deployTarget.GetReleasesAsync(input.Target, input.Hosts, CancellationToken.None).ConfigureAwait(false);
    }
}
