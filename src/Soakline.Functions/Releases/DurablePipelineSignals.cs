using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Releases;

/// <summary>
/// Raises <see cref="EventName"/> on the running environment runs of the commit's release pipeline (found by its
/// deterministic id), where gates and E2E waits live, or on the pipeline itself before it reached one.
/// </summary>
internal sealed class DurablePipelineSignals(DurableTaskClient client, ILogger<DurablePipelineSignals> logger) : IPipelineSignals
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

    /// <summary>
    /// Where a pipeline's events go: its running environment runs (<c>{pipeline}:{environment}</c>), where the waits
    /// live; when it has none (it is itself an environment run, or has not reached one), the instance if it runs.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> RunningFamilyAsync(DurableTaskClient client, string pipelineId, CancellationToken cancellationToken)
    {
        var runs = new List<string>();
        var selfRunning = false;
        var query = new OrchestrationQuery(InstanceIdPrefix: pipelineId);
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.IsCompleted)
            {
                continue;
            }

            if (instance.InstanceId == pipelineId)
            {
                selfRunning = true;
            }
            else if (instance.InstanceId.StartsWith(pipelineId + ":", StringComparison.Ordinal))
            {
                runs.Add(instance.InstanceId);
            }
        }

        return runs.Count > 0 ? runs : selfRunning ? [pipelineId] : [];
    }
}
