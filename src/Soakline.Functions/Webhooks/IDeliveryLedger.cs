namespace Soakline.Functions.Webhooks;

/// <summary>
/// Remembers GitHub delivery ids (<c>X-GitHub-Delivery</c>) already handled, so a redelivered webhook changes nothing.
/// Starting a release is idempotent by itself (deterministic instance ids); the ledger also covers signals and keeps
/// redeliveries cheap.
/// </summary>
public interface IDeliveryLedger
{
    Task<bool> HasSeenAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Records a handled delivery; false when it was recorded before (a concurrent duplicate).</summary>
    Task<bool> RecordAsync(string deliveryId, CancellationToken cancellationToken);
}
