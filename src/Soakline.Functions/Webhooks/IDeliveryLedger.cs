namespace Soakline.Functions.Webhooks;

/// <summary>
/// Remembers GitHub delivery ids (<c>X-GitHub-Delivery</c>), so a delivery is routed once even when copies of it arrive
/// at the same time on several instances of the app. A request claims the id before routing; claiming is atomic, so of
/// concurrent copies exactly one is <see cref="DeliveryClaimOutcome.Claimed"/>. The winner completes the claim after
/// routing, or releases it when routing fails so that GitHub's redelivery is accepted. A claim never completed nor
/// released (its process died) stops blocking after <see cref="DeliveryClaim.Timeout"/>: one later request takes it over.
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>True when the ledger holds the id: handled, or claimed by a request routing it.</summary>
    Task<bool> HasSeenAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Claims the delivery for this request, or says it is handled or being handled elsewhere.</summary>
    Task<DeliveryClaim> ClaimAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the delivery and records, in the same write, the push whose pipeline is still to be started: the answer to
    /// GitHub needs this one durable write, and <see cref="ReleaseStartPump"/> starts the pipeline from the record, in this
    /// process or, after a crash, in the next one.
    /// </summary>
    Task<DeliveryClaim> ClaimToStartAsync(string deliveryId, PushReceived push, CancellationToken cancellationToken);

    /// <summary>Pushes recorded by <see cref="ClaimToStartAsync"/> whose claim is neither completed nor released, oldest first.</summary>
    Task<IReadOnlyList<PendingPush>> PendingPushesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets aside a push recorded by <see cref="ClaimToStartAsync"/> whose pipeline can never be started (a dead letter):
    /// it is no longer pending, the ledger keeps <paramref name="reason"/> for the operator, and a redelivery of the
    /// delivery (GitHub's "Redeliver", once the cause is fixed) claims it anew.
    /// </summary>
    Task SetAsideAsync(DeliveryClaim claim, string reason, CancellationToken cancellationToken);

    /// <summary>Marks a claimed delivery handled after routing succeeded: later copies are duplicates.</summary>
    Task CompleteAsync(DeliveryClaim claim, CancellationToken cancellationToken);

    /// <summary>Removes this request's claim after routing failed, leaving no trace; a claim taken over by another request is left alone.</summary>
    Task ReleaseAsync(DeliveryClaim claim, CancellationToken cancellationToken);
}
