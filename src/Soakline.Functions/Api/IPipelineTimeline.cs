namespace Soakline.Functions.Api;

/// <summary>The recorded history of one pipeline, oldest first.</summary>
internal interface IPipelineTimeline
{
    Task<IReadOnlyList<TimelineEntry>> GetAsync(string pipelineId, CancellationToken cancellationToken);
}
