namespace Soakline.Integrations.Approvals;

/// <summary>The outcome of checking a token. <see cref="Claims"/> is set only when the signature held.</summary>
public sealed record ApprovalTokenVerification(ApprovalTokenStatus Status, ApprovalTokenClaims? Claims, string Reason)
{
    public bool IsValid => Status == ApprovalTokenStatus.Valid;

    internal static ApprovalTokenVerification Rejected(ApprovalTokenStatus status, string reason, ApprovalTokenClaims? claims = null) =>
        new(status, claims, reason);
}
