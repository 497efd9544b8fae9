using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Activities;

/// <summary>
/// Asks for the right to change an environment (one mutating pipeline per environment). A lease held by a pipeline
/// that is no longer running (terminated by an operator, so its cleanup never ran) is taken over, so one stopped
/// pipeline cannot block an environment for good.
/// </summary>
public sealed class AcquireEnvironmentActivity(IReleaseStore store, DurableTaskClient client) : TaskActivity<EnvironmentLeaseRequest, EnvironmentLease>
{
    public override async Task<EnvironmentLease> RunAsync(TaskActivityContext context, EnvironmentLeaseRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lease = await store.AcquireEnvironmentAsync(input.Environment, input.Holder, input.Mode, CancellationToken.None).ConfigureAwait(false);
        if (lease.Acquired || lease.Holder is not { } holder || holder == input.Holder || await IsStillRunningAsync(holder, input.Environment).ConfigureAwait(false))
        {
            return lease;
        }

        await store.ReleaseEnvironmentAsync(input.Environment, holder, CancellationToken.None).ConfigureAwait(false);
        return await store.AcquireEnvironmentAsync(input.Environment, input.Holder, input.Mode, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// The holder is a Release instance; terminating it does not stop its environment sub-orchestration, which may
    /// still be deploying. So the lease is stale only when both are finished or gone.
    /// </summary>
    private async Task<bool> IsStillRunningAsync(string releaseInstanceId, string environment)
    {
        foreach (var instanceId in new[] { releaseInstanceId, PipelineInstanceIds.ForEnvironmentRun(releaseInstanceId, environment) })
        {
            var instance = await client.GetInstanceAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
            if (instance is { IsCompleted: false })
            {
                return true;
            }
        }

        return false;
    }
}
