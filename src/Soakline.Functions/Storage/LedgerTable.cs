using Azure;
using Azure.Data.Tables;

namespace Soakline.Functions.Storage;

/// <summary>
/// The app's small ledger table (<c>{taskHub}Ledger</c>): "has this id been used?" for webhook deliveries and approval
/// link nonces, shared by every instance of the app. Insert-if-absent is atomic in Azure Tables: of two concurrent
/// inserts of one key, exactly one succeeds.
/// </summary>
public sealed class LedgerTable
{
    private readonly TableClient _table;
    private readonly Lazy<Task> _created;

    public LedgerTable(TableServiceClient service, string taskHub)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = service.GetTableClient(TableName(taskHub));
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    public static string TableName(string taskHub) => taskHub + "Ledger";

    /// <summary>Records <paramref name="id"/> under <paramref name="kind"/>; false when it was recorded before.</summary>
    public async Task<bool> TryAddAsync(string kind, string id, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await _created.Value;
        try
        {
            await _table.AddEntityAsync(new TableEntity(kind, Key(id)) { ["ExpiresAt"] = expiresAt }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> ContainsAsync(string kind, string id, CancellationToken cancellationToken)
    {
        await _created.Value;
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(kind, Key(id), ["PartitionKey"], cancellationToken);
        return entity.HasValue;
    }

    private static string Key(string id) => RowKeys.Escape(id);
}
