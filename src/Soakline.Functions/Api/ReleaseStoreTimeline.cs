using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Api;

/// <summary>A pipeline's timeline: every transition its orchestrators recorded in the release store (the audit trail).</summary>
internal sealed class ReleaseStoreTimeline(IReleaseStore store) : IPipelineTimeline
{
    public async Task<IReadOnlyList<TimelineEntry>> GetAsync(string pipelineId, CancellationToken cancellationToken)
    {
        var transitions = await store.GetTransitionsAsync(new TransitionQuery(PipelineId: pipelineId), cancellationToken);
        return transitions
            .Select(t => new TimelineEntry(t.At, t.Kind.ToString(), t.Environment, t.Detail, t.Actor, t.Release?.Value))
            .ToList();
    }
}
