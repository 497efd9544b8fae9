using Azure;
using Azure.Data.Tables;
using Soakline.Durable.AzureStorage.Payloads;
using Soakline.Durable.History;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Table;

/// <summary>
/// The task hub table: one partition per instance holding its instance row, history chunks and outbox rows. Every
/// change to an instance is a table transaction guarded by the instance row's ETag.
/// </summary>
internal sealed class InstanceStore
{
    private const int MaxTransactionOperations = 100;

    private readonly TableClient _table;
    private readonly LargeTextStore _payloads;

    public InstanceStore(TableClient table, LargeTextStore payloads)
    {
        _table = table;
        _payloads = payloads;
    }

    /// <summary>Reads the instance row and the current history generation's chunks in one partition query.</summary>
    public async Task<StoredInstance?> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {instanceId} and (RowKey eq {RowKeys.Instance} or (RowKey ge {RowKeys.HistoryPrefix} and RowKey lt {RowKeys.HistoryEnd}))");
        TableEntity? instanceRow = null;
        var chunkRows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == RowKeys.Instance)
            {
                instanceRow = entity;
            }
            else
            {
                chunkRows[entity.RowKey] = entity;
            }
        }

        if (instanceRow is null)
        {
            return null;
        }

        var stored = await InstanceRowMapper.ReadInstanceAsync(instanceRow, _payloads, cancellationToken);
        var history = new List<HistoryEvent>();
        for (var chunk = 0; chunk < stored.HistoryChunks; chunk++)
        {
            var key = RowKeys.HistoryChunk(stored.HistoryGeneration, chunk);
            if (!chunkRows.TryGetValue(key, out var row))
            {
                throw new InvalidOperationException($"Instance '{instanceId}' lists {stored.HistoryChunks} history chunks but row '{key}' is missing.");
            }

            history.AddRange(await InstanceRowMapper.ReadHistoryChunkAsync(row, _payloads, cancellationToken));
        }

        return stored with { State = stored.State with { History = history } };
    }

    /// <summary>Writes a lock on the instance row if it is still the version read; returns the new ETag, or null if it changed.</summary>
    public async Task<ETag?> TryLockAsync(StoredInstance stored, InstanceLock claim, CancellationToken cancellationToken)
    {
        var patch = new TableEntity(stored.State.InstanceId, RowKeys.Instance)
        {
            [InstanceRowMapper.LockOwner] = claim.Owner,
            [InstanceRowMapper.LockExpiresAt] = claim.ExpiresAt,
        };
        try
        {
            var response = await _table.UpdateEntityAsync(patch, stored.ETag, TableUpdateMode.Merge, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Clears a lock this worker holds without changing anything else; a lock that moved on is left alone.</summary>
    public async Task ReleaseLockAsync(string instanceId, ETag lockETag, CancellationToken cancellationToken)
    {
        var patch = new TableEntity(instanceId, RowKeys.Instance)
        {
            [InstanceRowMapper.LockOwner] = string.Empty,
            [InstanceRowMapper.LockExpiresAt] = DateTimeOffset.UnixEpoch,
        };
        try
        {
            await _table.UpdateEntityAsync(patch, lockETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Someone else has moved the instance on; the lock is theirs to manage now.
        }
    }

    /// <summary>
    /// Commits one step atomically. Returns the outbox row key (or empty when there is no outbox row) on success, and
    /// null when the instance row is no longer the version read (another worker advanced it, or it was created meanwhile).
    /// </summary>
    public async Task<string?> CommitAsync(StepWrite write, CancellationToken cancellationToken)
    {
        var instanceId = write.NewState.InstanceId;
        var actions = new List<TableTransactionAction>(3);
        var chunks = write.HistoryChunks;
        if (write.NewChunk.Count > 0)
        {
            // Upsert, not insert: a row left behind by a purge that died halfway must not wedge the instance forever.
            var chunk = await InstanceRowMapper.ToHistoryChunkEntityAsync(instanceId, write.HistoryGeneration, chunks, write.NewChunk, _payloads, cancellationToken);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, chunk));
            chunks++;
        }

        var outboxKey = string.Empty;
        if (write.Outbox.Count > 0)
        {
            outboxKey = RowKeys.NewOutbox();
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, await InstanceRowMapper.ToOutboxEntityAsync(instanceId, outboxKey, write.Outbox, _payloads, cancellationToken)));
        }

        var row = await InstanceRowMapper.ToInstanceEntityAsync(write.NewState, write.HistoryGeneration, chunks, _payloads, cancellationToken);
        actions.Insert(0, write.ExpectedETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, row));
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return outboxKey;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores a new Pending instance with its start message in an outbox row. Throws when a live instance has that id;
    /// a terminal one is replaced (its history moves to a new generation). Returns the outbox row key.
    /// </summary>
    public async Task<string> CreateAsync(OrchestrationInstanceState state, OutboxEntry start, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await ReadInstanceRowAsync(state.InstanceId, cancellationToken);
            if (existing is { State.IsTerminal: false })
            {
                throw new InvalidOperationException($"An orchestration with instance id '{state.InstanceId}' already exists and is {existing.State.Status}.");
            }

            var write = new StepWrite(
                state with { History = [] },
                existing?.ETag,
                existing is null ? 0 : existing.HistoryGeneration + 1,
                0,
                [],
                [start]);
            if (await CommitAsync(write, cancellationToken) is { } outboxKey)
            {
                if (existing is not null)
                {
                    await DeleteHistoryGenerationAsync(state.InstanceId, existing.HistoryGeneration, existing.HistoryChunks, cancellationToken);
                }

                return outboxKey;
            }
        }
    }

    /// <summary>Removes the rows of a replaced history generation. Best effort: leftovers are ignored by readers and purged later.</summary>
    public async Task DeleteHistoryGenerationAsync(string instanceId, long generation, int chunks, CancellationToken cancellationToken)
    {
        for (var start = 0; start < chunks; start += MaxTransactionOperations)
        {
            var batch = Enumerable.Range(start, Math.Min(MaxTransactionOperations, chunks - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, RowKeys.HistoryChunk(generation, i)), ETag.All))
                .ToList();
            try
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken);
            }
            catch (RequestFailedException)
            {
                return; // Some rows already gone: leave the rest to purge.
            }
        }
    }

    public async Task<StoredInstance?> ReadInstanceRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(instanceId, RowKeys.Instance, cancellationToken: cancellationToken);
        return response.HasValue ? await InstanceRowMapper.ReadInstanceAsync(response.Value!, _payloads, cancellationToken) : null;
    }

    /// <summary>Instance rows matching the query (filtered by the table), sorted by creation time like the in-memory backend.</summary>
    public async Task<List<OrchestrationInstanceState>> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var filters = new List<string> { TableClient.CreateQueryFilter($"RowKey eq {RowKeys.Instance}") };
        if (query.CreatedFrom is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }

        if (query.CreatedTo is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedAt le {to}"));
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            var prefix = query.InstanceIdPrefix;
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"));
        }

        if (query.Statuses?.ToList() is { Count: > 0 } statuses)
        {
            filters.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }

        var results = new List<OrchestrationInstanceState>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(string.Join(" and ", filters), cancellationToken: cancellationToken))
        {
            // Details always: failure details belong in every result; ToMetadata leaves payloads out unless asked for.
            var stored = await InstanceRowMapper.ReadInstanceAsync(entity, _payloads, cancellationToken);
            results.Add(stored.State);
        }

        results.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.InstanceId, b.InstanceId));
        return results;
    }

    /// <summary>
    /// Deletes a terminal, unlocked instance: the instance row first (the ETag-guarded decision), then the rest of the
    /// partition. Returns false when it is missing, live, or changed meanwhile.
    /// </summary>
    public async Task<bool> PurgeAsync(string instanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await ReadInstanceRowAsync(instanceId, cancellationToken);
        if (stored is not { State.IsTerminal: true } || stored.Lock is { } held && held.ExpiresAt > now)
        {
            return false;
        }

        try
        {
            await _table.DeleteEntityAsync(instanceId, RowKeys.Instance, stored.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }

        var rest = new List<TableTransactionAction>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rest.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, entity.RowKey), ETag.All));
        }

        foreach (var batch in rest.Chunk(MaxTransactionOperations))
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }

        return true;
    }

    /// <summary>Outbox rows written before <paramref name="cutoff"/>: their writer had time to send them and did not.</summary>
    public async Task<List<(string InstanceId, string RowKey, IReadOnlyList<OutboxEntry> Entries)>> FindStaleOutboxRowsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {RowKeys.OutboxPrefix} and RowKey lt {RowKeys.OutboxEnd} and Timestamp lt {cutoff}");
        var rows = new List<(string, string, IReadOnlyList<OutboxEntry>)>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add((entity.PartitionKey, entity.RowKey, await InstanceRowMapper.ReadOutboxEntriesAsync(entity, _payloads, cancellationToken)));
        }

        return rows;
    }

    public async Task DeleteOutboxRowAsync(string instanceId, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(instanceId, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The sweeper and the writer raced to it; either deletion is enough.
        }
    }
}
