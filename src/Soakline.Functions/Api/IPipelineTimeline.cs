namespace Soakline.Functions.Api;

/// <summary>The recorded history of one pipeline, oldest first.</summary>
public interface IPipelineTimeline
{
    Task<IReadOnlyList<TimelineEntry>> GetAsync(string pipelineId, CancellationToken cancellationToken);
}
