using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Storage;

/// <summary>Webhook delivery ids in the ledger table, so every instance of the app sees every delivery.</summary>
public sealed class TableDeliveryLedger(LedgerTable table, TimeProvider clock) : IDeliveryLedger
{
    private const string Kind = "delivery";

    public Task<bool> HasSeenAsync(string deliveryId, CancellationToken cancellationToken) => table.ContainsAsync(Kind, deliveryId, cancellationToken);

    public Task<bool> RecordAsync(string deliveryId, CancellationToken cancellationToken) =>
        table.TryAddAsync(Kind, deliveryId, clock.GetUtcNow() + InMemoryDeliveryLedger.Retention, cancellationToken);
}
