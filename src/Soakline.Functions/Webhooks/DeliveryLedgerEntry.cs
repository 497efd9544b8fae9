namespace Soakline.Functions.Webhooks;

/// <summary>
/// What a delivery ledger holds for one delivery id: a claim (its holder's token and when it was taken) or, once the
/// delivery was routed, a handled mark. A claim taken by <see cref="IDeliveryLedger.ClaimToStartAsync"/> also holds the
/// push whose pipeline is still to be started.
/// </summary>
/// <param name="SetAsideBecause">Why the recorded push was set aside (<see cref="IDeliveryLedger.SetAsideAsync"/>); null otherwise.</param>
public sealed record DeliveryLedgerEntry(bool Handled, string? Token, DateTimeOffset At, PushReceived? PushToStart = null, string? SetAsideBecause = null)
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

    /// <summary>A push whose pipeline can never be started, kept with the reason; nobody holds it.</summary>
    public static DeliveryLedgerEntry SetAsideAt(DateTimeOffset at, string reason) => new(false, null, at, null, reason);

    /// <summary>
    /// A claim older than <see cref="DeliveryClaim.Timeout"/> (its holder is taken to be dead), or a set-aside push: a
    /// later request (a redelivery) may take either over.
    /// </summary>
    public bool IsStaleClaim(DateTimeOffset now) => !Handled && (SetAsideBecause is not null || now - At >= DeliveryClaim.Timeout);

    public bool IsHeldBy(DeliveryClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return !Handled && Token is not null && string.Equals(Token, claim.Token, StringComparison.Ordinal);
    }
}
