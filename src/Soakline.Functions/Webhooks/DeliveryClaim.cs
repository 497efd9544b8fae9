namespace Soakline.Functions.Webhooks;

/// <summary>
/// The answer to a claim of one delivery id. A <see cref="DeliveryClaimOutcome.Claimed"/> claim carries a token that
/// completing and releasing match against, so a request whose claim went stale and was taken over cannot remove the
/// new holder's claim.
/// </summary>
public sealed record DeliveryClaim(string DeliveryId, DeliveryClaimOutcome Outcome, string? Token = null)
{
    /// <summary>
    /// How long a claim blocks other requests for the same delivery. Routing takes milliseconds (it starts or signals an
    /// orchestration) and GitHub gives up on a delivery after 10 seconds, so no live request holds a claim anywhere near
    /// this long; the margin covers storage retries under load. An older claim was left by a process that died between
    /// claim and completion, and a redelivery may take it over.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public bool IsClaimed => Outcome == DeliveryClaimOutcome.Claimed;

    /// <summary>A claim owned by the caller, under a token nobody else holds.</summary>
    public static DeliveryClaim NewClaim(string deliveryId) => new(deliveryId, DeliveryClaimOutcome.Claimed, Guid.NewGuid().ToString("N"));

    /// <summary>The answer to a claimer that lost: the delivery is handled or another request is routing it.</summary>
    public static DeliveryClaim HeldElsewhere(string deliveryId, DeliveryLedgerEntry held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return new(deliveryId, held.Handled ? DeliveryClaimOutcome.Handled : DeliveryClaimOutcome.InProgress);
    }

    /// <summary>Completing or releasing needs a claim this request won.</summary>
    public void EnsureClaimed()
    {
        if (!IsClaimed || Token is null)
        {
            throw new ArgumentException($"delivery {DeliveryId} was not claimed by this request (outcome {Outcome}); only a claimed delivery can be completed or released", "claim");
        }
    }
}
