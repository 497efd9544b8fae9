namespace Soakline.Functions.Approvals;

/// <summary>
/// Checks the signed tokens in approval links: <see cref="InspectAsync"/> for the confirmation page (a GET must never
/// decide: mail scanners follow links), <see cref="RedeemAsync"/> for the POST that decides and spends the token.
/// </summary>
internal interface IApprovalLinks
{
    /// <summary>Signature and expiry, without spending the token.</summary>
    Task<ApprovalLinkCheck> InspectAsync(string token, CancellationToken cancellationToken);

    /// <summary>Signature, expiry and single use; a valid result means this call spent the token.</summary>
    Task<ApprovalLinkCheck> RedeemAsync(string token, CancellationToken cancellationToken);
}
