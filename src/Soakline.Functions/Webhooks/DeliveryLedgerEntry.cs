namespace Soakline.Functions.Webhooks;

/// <summary>
/// What a delivery ledger holds for one delivery id: a claim (its holder's token and when it was taken) or, once the
/// delivery was routed, a handled mark. A claim taken by <see cref="IDeliveryLedger.ClaimToStartAsync"/> also holds the
/// push whose pipeline is still to be started.
/// </summary>
public sealed record DeliveryLedgerEntry(bool Handled, string? Token, DateTimeOffset At, PushReceived? PushToStart = null)
{
    /// <summary>How long a delivery id is kept: GitHub offers redelivery for a few days, so a week covers it.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public static DeliveryLedgerEntry ClaimedBy(DeliveryClaim claim, DateTimeOffset at, PushReceived? pushToStart = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        claim.EnsureClaimed();
        return new(false, claim.Token, at, pushToStart);
    }

    public static DeliveryLedgerEntry HandledAt(DateTimeOffset at) => new(true, null, at);

    /// <summary>A claim older than <see cref="DeliveryClaim.Timeout"/>: its holder is taken to be dead.</summary>
    public bool IsStaleClaim(DateTimeOffset now) => !Handled && now - At >= DeliveryClaim.Timeout;

    public bool IsHeldBy(DeliveryClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return !Handled && Token is not null && string.Equals(Token, claim.Token, StringComparison.Ordinal);
    }
}
