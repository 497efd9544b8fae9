using Azure.Data.Tables;
using Soakline.Functions.Storage;
using Soakline.Integrations.Storage;

namespace Soakline.Functions.Watchdog;

/// <summary>
/// Stuck-pipeline records as rows of kind <see cref="Kind"/> in the app's ledger table, so every instance of the app
/// (and the API of one whose worker is stuck) reads the same ones.
/// </summary>
internal sealed class TableStuckPipelineRecords(LedgerTable table) : IStuckPipelineRecords
{
    public const string Kind = "stuck";

    public async Task<IReadOnlyList<StuckPipelineRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await table.ListAsync(Kind, cancellationToken)).Select(Read)];

    public async Task<StuckPipelineRecord?> GetAsync(string pipelineId, CancellationToken cancellationToken) =>
        await table.GetAsync(Kind, pipelineId, cancellationToken) is { } row ? Read(row) : null;

    public Task PutAsync(StuckPipelineRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [nameof(record.PipelineId)] = record.PipelineId,
            [nameof(record.InstanceId)] = record.InstanceId,
            [nameof(record.Since)] = record.Since,
            [nameof(record.Reason)] = record.Reason,
            [nameof(record.ProgressAt)] = record.ProgressAt,
            [nameof(record.DetectedAt)] = record.DetectedAt,
        };
        if (record.IncidentUrl is { } url)
        {
            properties[nameof(record.IncidentUrl)] = url.AbsoluteUri;
        }

        return table.UpsertAsync(Kind, record.PipelineId, properties, cancellationToken);
    }

    public async Task<bool> RemoveAsync(string pipelineId, CancellationToken cancellationToken) =>
        await table.GetAsync(Kind, pipelineId, cancellationToken) is { } row && await table.TryDeleteAsync(Kind, pipelineId, row.ETag, cancellationToken);

    private static StuckPipelineRecord Read(TableEntity row) => new(
        row.GetString(nameof(StuckPipelineRecord.PipelineId)),
        row.GetString(nameof(StuckPipelineRecord.InstanceId)),
        row.GetDateTimeOffset(nameof(StuckPipelineRecord.Since)) ?? DateTimeOffset.MinValue,
        row.GetString(nameof(StuckPipelineRecord.Reason)),
        row.GetDateTimeOffset(nameof(StuckPipelineRecord.ProgressAt)) ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset(nameof(StuckPipelineRecord.DetectedAt)) ?? DateTimeOffset.MinValue,
        row.GetString(nameof(StuckPipelineRecord.IncidentUrl)) is { } url ? new Uri(url) : null);
}
