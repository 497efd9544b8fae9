using Microsoft.Extensions.Logging;
using Soakline.Durable;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Releases;

/// <summary>
/// Raises <see cref="EventName"/> on the running release pipeline of the commit (found by its deterministic id) and on
/// its running environment runs (ids <c>{pipeline}:{environment}</c>), which is where gates and E2E waits live.
/// </summary>
public sealed class DurablePipelineSignals(DurableTaskClient client, ILogger<DurablePipelineSignals> logger) : IPipelineSignals
{
    public const string EventName = "ci-completed";

    public async Task<string?> CiCompletedAsync(CiCompleted completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (completed.Branch is null)
        {
            return null;
        }

        var pipelineId = Pipeline.Domain.PipelineInstanceIds.ForPush(new Pipeline.Domain.CommitRef(completed.Repository, completed.Sha, completed.Branch));
        var targets = await RunningFamilyAsync(client, pipelineId, cancellationToken);
        foreach (var target in targets)
        {
            await client.RaiseEventAsync(target, EventName, completed, cancellationToken);
        }

        if (targets.Count > 0)
        {
            logger.LogInformation("{Kind} {Name} {Conclusion} for commit {Commit} signalled to {InstanceId}", completed.Kind, completed.Name, completed.Conclusion, completed.Sha, pipelineId);
        }

        return targets.Count > 0 ? pipelineId : null;
    }

    /// <summary>The pipeline and its environment runs that are still running.</summary>
    internal static async Task<IReadOnlyList<string>> RunningFamilyAsync(DurableTaskClient client, string pipelineId, CancellationToken cancellationToken)
    {
        var running = new List<string>();
        var query = new OrchestrationQuery(InstanceIdPrefix: pipelineId);
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            var isFamily = instance.InstanceId == pipelineId || instance.InstanceId.StartsWith(pipelineId + ":", StringComparison.Ordinal);
            if (isFamily && !instance.IsCompleted)
            {
                running.Add(instance.InstanceId);
            }
        }

        return running;
    }
}
