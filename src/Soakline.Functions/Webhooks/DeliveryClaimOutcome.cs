namespace Soakline.Functions.Webhooks;

/// <summary>What <see cref="IDeliveryLedger.ClaimAsync"/> found for a delivery id.</summary>
public enum DeliveryClaimOutcome
{
    /// <summary>This request holds the claim: it routes the delivery, then completes or releases the claim.</summary>
    Claimed,

    /// <summary>The delivery was routed before: nothing to do.</summary>
    Handled,

    /// <summary>Another request holds a fresh claim and is routing the delivery right now.</summary>
    InProgress,
}
