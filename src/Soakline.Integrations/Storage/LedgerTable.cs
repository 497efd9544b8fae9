using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Soakline.Integrations.Storage;

/// <summary>
/// The app's small ledger table (<c>{taskHub}Ledger</c>): "has this id been used?" for webhook deliveries and approval
/// link nonces, shared by every instance of the app. Insert-if-absent is atomic in Azure Tables: of two concurrent
/// inserts of one key, exactly one succeeds. Replacing or deleting a row read before is guarded by its ETag, so of two
/// requests acting on the same read, exactly one succeeds. Concurrent inserts of one kind (one partition) go to storage
/// together as one transaction (<see cref="GroupedInserts"/>): a flood of webhook claims costs a round trip per group,
/// not one per claim.
/// </summary>
public sealed class LedgerTable
{
    private const string ExpiresAt = "ExpiresAt";

    private readonly TableClient _table;
    private readonly Lazy<Task> _created;
    private readonly ConcurrentDictionary<string, GroupedInserts> _inserts = new(StringComparer.Ordinal);

    public LedgerTable(TableServiceClient service, string taskHub)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = service.GetTableClient(TableName(taskHub));
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    public static string TableName(string taskHub) => taskHub + "Ledger";

    /// <summary>Records <paramref name="id"/> under <paramref name="kind"/>; false when it was recorded before.</summary>
    public Task<bool> TryAddAsync(string kind, string id, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        TryAddAsync(kind, id, new Dictionary<string, object>(StringComparer.Ordinal) { [ExpiresAt] = expiresAt }, cancellationToken);

    /// <summary>Adds the row of <paramref name="id"/> with these properties; false when the row exists.</summary>
    public async Task<bool> TryAddAsync(string kind, string id, IReadOnlyDictionary<string, object> properties, CancellationToken cancellationToken)
    {
        await _created.Value;
        return await _inserts.GetOrAdd(kind, _ => new GroupedInserts(_table)).TryAddAsync(Entity(kind, id, properties), cancellationToken);
    }

    public async Task<bool> ContainsAsync(string kind, string id, CancellationToken cancellationToken)
    {
        await _created.Value;
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(kind, Key(id), ["PartitionKey"], cancellationToken);
        return entity.HasValue;
    }

    /// <summary>The row of <paramref name="id"/> with its ETag, or null when there is none.</summary>
    public async Task<TableEntity?> GetAsync(string kind, string id, CancellationToken cancellationToken)
    {
        await _created.Value;
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(kind, Key(id), cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value : null;
    }

    /// <summary>The rows of <paramref name="kind"/> whose <paramref name="property"/> equals <paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<TableEntity>> WhereAsync(string kind, string property, string value, CancellationToken cancellationToken)
    {
        await _created.Value;
        var rows = new List<TableEntity>();
        // The property name goes in as written; only the values are quoted (CreateQueryFilter would quote the name too).
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {kind}")} and {property} eq {TableClient.CreateQueryFilter($"{value}")}";
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Replaces the row read with <paramref name="ifMatch"/>; false when it changed or went since.</summary>
    public async Task<bool> TryReplaceAsync(string kind, string id, IReadOnlyDictionary<string, object> properties, ETag ifMatch, CancellationToken cancellationToken)
    {
        await _created.Value;
        try
        {
            await _table.UpdateEntityAsync(Entity(kind, id, properties), ifMatch, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Writes the row of <paramref name="id"/> whatever it held before.</summary>
    public async Task UpsertAsync(string kind, string id, IReadOnlyDictionary<string, object> properties, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _table.UpsertEntityAsync(Entity(kind, id, properties), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Every row of <paramref name="kind"/> (the ledger's small record kinds only: it reads them all).</summary>
    public async Task<IReadOnlyList<TableEntity>> ListAsync(string kind, CancellationToken cancellationToken)
    {
        await _created.Value;
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == kind, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Deletes the row read with <paramref name="ifMatch"/>; false when it changed or went since.</summary>
    public async Task<bool> TryDeleteAsync(string kind, string id, ETag ifMatch, CancellationToken cancellationToken)
    {
        await _created.Value;
        try
        {
            await _table.DeleteEntityAsync(kind, Key(id), ifMatch, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    private static TableEntity Entity(string kind, string id, IReadOnlyDictionary<string, object> properties)
    {
        var entity = new TableEntity(kind, Key(id));
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }

        return entity;
    }

    private static string Key(string id) => RowKeys.Escape(id);
}
