using Soakline.Durable;

namespace Soakline.Functions.Api;

/// <summary>
/// A timeline read from the engine alone: when the pipeline and each environment run started and where each stands now.
/// The app uses the pipeline's release store instead when one is registered (a richer, per-transition history).
/// </summary>
public sealed class EngineTimeline(DurableTaskClient client) : IPipelineTimeline
{
    public async Task<IReadOnlyList<TimelineEntry>> GetAsync(string pipelineId, CancellationToken cancellationToken)
    {
        var entries = new List<TimelineEntry>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: pipelineId)).WithCancellation(cancellationToken))
        {
            var environment = instance.InstanceId.Length > pipelineId.Length ? instance.InstanceId[(pipelineId.Length + 1)..] : "(pipeline)";
            if (instance.InstanceId != pipelineId && !instance.InstanceId.StartsWith(pipelineId + ":", StringComparison.Ordinal))
            {
                continue;
            }

            entries.Add(new TimelineEntry(instance.CreatedAt, "Started", environment, $"{instance.Name} started"));
            if (instance.LastUpdatedAt > instance.CreatedAt)
            {
                entries.Add(new TimelineEntry(instance.LastUpdatedAt, instance.RuntimeStatus.ToString(), environment, $"{instance.Name} {instance.RuntimeStatus.ToString().ToLowerInvariant()}"));
            }
        }

        return entries.OrderBy(e => e.At).ToList();
    }
}
