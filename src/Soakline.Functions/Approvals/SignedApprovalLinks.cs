using Soakline.Integrations.Approvals;

namespace Soakline.Functions.Approvals;

/// <summary>The approval links signed by Soakline.Integrations' token service, as the endpoints see them.</summary>
internal sealed class SignedApprovalLinks(ApprovalTokenRedeemer redeemer) : IApprovalLinks
{
    public async Task<ApprovalLinkCheck> InspectAsync(string token, CancellationToken cancellationToken) =>
        Map(await redeemer.InspectAsync(token, cancellationToken));

    public async Task<ApprovalLinkCheck> RedeemAsync(string token, CancellationToken cancellationToken) =>
        Map(await redeemer.RedeemAsync(token, cancellationToken));

    private static ApprovalLinkCheck Map(ApprovalTokenVerification verification)
    {
        var status = verification.Status switch
        {
            ApprovalTokenStatus.Valid => ApprovalLinkStatus.Valid,
            ApprovalTokenStatus.Expired => ApprovalLinkStatus.Expired,
            ApprovalTokenStatus.AlreadyUsed => ApprovalLinkStatus.AlreadyUsed,
            _ => ApprovalLinkStatus.Forged,
        };
        var link = verification.Claims is { } claims
            ? new ApprovalLink(claims.InstanceId, claims.Choice == ApprovalChoice.Approve, claims.Approver, claims.ExpiresAt)
            : null;
        return new ApprovalLinkCheck(status, verification.Reason, link);
    }
}
