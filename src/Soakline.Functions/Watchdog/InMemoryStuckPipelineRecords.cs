using System.Collections.Concurrent;

namespace Soakline.Functions.Watchdog;

/// <summary>Stuck-pipeline records in process memory: standalone without storage settings (one process, tests).</summary>
internal sealed class InMemoryStuckPipelineRecords : IStuckPipelineRecords
{
    private readonly ConcurrentDictionary<string, StuckPipelineRecord> _records = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<StuckPipelineRecord>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StuckPipelineRecord>>([.. _records.Values]);

    public Task<StuckPipelineRecord?> GetAsync(string pipelineId, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault(pipelineId));

    public Task PutAsync(StuckPipelineRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[record.PipelineId] = record;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string pipelineId, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryRemove(pipelineId, out _));
}
