using System.Text.Json;
using Azure.Data.Tables;
using Soakline.Durable.AzureStorage.Payloads;
using Soakline.Durable.History;
using Soakline.Durable.Runtime;
using Soakline.Durable.Serialization;

namespace Soakline.Durable.AzureStorage.Table;

/// <summary>
/// Maps an instance to its rows: the instance row keeps the queryable fields as columns (name, status, times) and
/// the rest as one JSON property; each history chunk row keeps one step's events as a JSON array.
/// </summary>
internal static class InstanceRowMapper
{
    public const string Details = "Details";
    public const string Events = "Events";
    public const string Entries = "Entries";
    public const string LockOwner = "LockOwner";
    public const string LockExpiresAt = "LockExpiresAt";

    public static async Task<TableEntity> ToInstanceEntityAsync(
        OrchestrationInstanceState state, long historyGeneration, int historyChunks, LargeTextStore payloads, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(state.InstanceId, RowKeys.Instance)
        {
            ["Name"] = state.Name,
            ["Status"] = state.Status.ToString(),
            ["ExecutionId"] = state.ExecutionId,
            ["CreatedAt"] = state.CreatedAt,
            ["LastUpdatedAt"] = state.LastUpdatedAt,
            ["HistoryGeneration"] = historyGeneration,
            ["HistoryChunks"] = historyChunks,
        };
        var details = new InstanceDetails(state.Input, state.Output, state.CustomStatus, state.FailureDetails, state.Parent, state.HeldMessages);
        await SpilledProperty.WriteAsync(entity, Details, JsonSerializer.Serialize(details, DurablePayloads.SerializerOptions), payloads, state.InstanceId, cancellationToken);
        return entity;
    }

    public static async Task<TableEntity> ToHistoryChunkEntityAsync(
        string instanceId, long generation, int chunk, IReadOnlyList<HistoryEvent> events, LargeTextStore payloads, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(instanceId, RowKeys.HistoryChunk(generation, chunk));
        await SpilledProperty.WriteAsync(entity, Events, JsonSerializer.Serialize(events, DurablePayloads.SerializerOptions), payloads, instanceId, cancellationToken);
        return entity;
    }

    public static async Task<TableEntity> ToOutboxEntityAsync(
        string instanceId, string rowKey, IReadOnlyList<OutboxEntry> entries, LargeTextStore payloads, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(instanceId, rowKey);
        await SpilledProperty.WriteAsync(entity, Entries, JsonSerializer.Serialize(entries, DurablePayloads.SerializerOptions), payloads, instanceId, cancellationToken);
        return entity;
    }

    public static async Task<IReadOnlyList<OutboxEntry>> ReadOutboxEntriesAsync(TableEntity entity, LargeTextStore payloads, CancellationToken cancellationToken)
    {
        var json = await SpilledProperty.ReadAsync(entity, Entries, payloads, cancellationToken);
        return json is null ? [] : JsonSerializer.Deserialize<List<OutboxEntry>>(json, DurablePayloads.SerializerOptions) ?? [];
    }

    public static async Task<IReadOnlyList<HistoryEvent>> ReadHistoryChunkAsync(TableEntity entity, LargeTextStore payloads, CancellationToken cancellationToken)
    {
        var json = await SpilledProperty.ReadAsync(entity, Events, payloads, cancellationToken);
        return json is null ? [] : JsonSerializer.Deserialize<List<HistoryEvent>>(json, DurablePayloads.SerializerOptions) ?? [];
    }

    /// <summary>The instance row's fields; history is filled in by the caller from the chunk rows.</summary>
    public static async Task<StoredInstance> ReadInstanceAsync(TableEntity entity, LargeTextStore payloads, CancellationToken cancellationToken)
    {
        var details = await SpilledProperty.ReadAsync(entity, Details, payloads, cancellationToken) is { } json
            ? JsonSerializer.Deserialize<InstanceDetails>(json, DurablePayloads.SerializerOptions)
            : null;
        var state = new OrchestrationInstanceState
        {
            InstanceId = entity.PartitionKey,
            ExecutionId = entity.GetString("ExecutionId") ?? string.Empty,
            Name = entity.GetString("Name") ?? string.Empty,
            Status = Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending)),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
            LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? default,
            Input = details?.Input,
            Output = details?.Output,
            CustomStatus = details?.CustomStatus,
            FailureDetails = details?.FailureDetails,
            Parent = details?.Parent,
            HeldMessages = details?.HeldMessages ?? [],
        };
        var owner = entity.GetString(LockOwner);
        var instanceLock = string.IsNullOrEmpty(owner) ? null : new InstanceLock(owner, entity.GetDateTimeOffset(LockExpiresAt) ?? default);
        return new StoredInstance(state, entity.ETag, entity.GetInt64("HistoryGeneration") ?? 0, entity.GetInt32("HistoryChunks") ?? 0, instanceLock);
    }
}
