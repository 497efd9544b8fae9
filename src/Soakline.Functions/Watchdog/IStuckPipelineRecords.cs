namespace Soakline.Functions.Watchdog;

/// <summary>The open stuck-pipeline records, one per pipeline id.</summary>
internal interface IStuckPipelineRecords
{
    Task<IReadOnlyList<StuckPipelineRecord>> ListAsync(CancellationToken cancellationToken);

    Task<StuckPipelineRecord?> GetAsync(string pipelineId, CancellationToken cancellationToken);

    /// <summary>Writes the record of its pipeline, replacing any earlier one.</summary>
    Task PutAsync(StuckPipelineRecord record, CancellationToken cancellationToken);

    /// <summary>Removes the record of a pipeline; false when there was none.</summary>
    Task<bool> RemoveAsync(string pipelineId, CancellationToken cancellationToken);
}
