using Microsoft.DurableTask.Client;
using Soakline.Functions.Releases;
using Soakline.Functions.Watchdog;

namespace Soakline.Functions.Api;

/// <summary>The reads behind <c>/api/pipelines</c>, shared by the API and the dashboard so both show the same thing.</summary>
internal static class PipelineQueries
{
    /// <summary>Pipelines (not their environment runs) whose id starts with <paramref name="prefix"/>, newest first.</summary>
    public static async Task<IReadOnlyList<PipelineSummary>> ListAsync(DurableTaskClient client, IStuckPipelineRecords stuck, string prefix, OrchestrationRuntimeStatus[]? statuses, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(stuck);
        var stuckById = (await stuck.ListAsync(ct)).ToDictionary(r => r.PipelineId, StringComparer.Ordinal);
        var query = new OrchestrationQuery(Statuses: statuses, InstanceIdPrefix: prefix, FetchInputsAndOutputs: true);
        var pipelines = new List<PipelineSummary>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(ct))
        {
            // Environment runs share the prefix (pipeline id + ":" + environment); the list shows pipelines only.
            if (instance.Name == DurableReleaseStarter.OrchestratorName)
            {
                pipelines.Add(PipelineSummary.From(instance, stuckById.GetValueOrDefault(instance.InstanceId)));
            }
        }

        return pipelines.OrderByDescending(p => p.CreatedAt).Take(take).ToList();
    }

    /// <summary>One pipeline with its environment runs and timeline; null when it does not exist.</summary>
    public static async Task<PipelineDetail?> DetailAsync(DurableTaskClient client, IPipelineTimeline timeline, IStuckPipelineRecords stuck, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(stuck);
        ArgumentNullException.ThrowIfNull(timeline);
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, ct);
        if (instance is null)
        {
            return null;
        }

        var runs = new List<PipelineSummary>();
        await foreach (var child in client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: id + ":", FetchInputsAndOutputs: true)).WithCancellation(ct))
        {
            runs.Add(PipelineSummary.From(child));
        }

        return new PipelineDetail(PipelineSummary.From(instance, await stuck.GetAsync(id, ct)), runs, await timeline.GetAsync(id, ct));
    }
}
