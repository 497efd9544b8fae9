namespace Soakline.Functions.Approvals;

/// <summary>
/// Checks the signed tokens in approval links: <see cref="InspectAsync"/> for the confirmation page (a GET must never
/// decide: mail scanners follow links), <see cref="RedeemAsync"/> for the POST that decides and spends the token.
/// </summary>
public interface IApprovalLinks
{
    /// <summary>Signature and expiry, without spending the token.</summary>
    Task<ApprovalLinkCheck> InspectAsync(string token, CancellationToken cancellationToken);

    /// <summary>Signature, expiry and single use; a valid result means this call spent the token.</summary>
    Task<ApprovalLinkCheck> RedeemAsync(string token, CancellationToken cancellationToken);
}

public enum ApprovalLinkStatus
{
    Valid,

    /// <summary>Malformed, tampered with, or signed with another key.</summary>
    Forged,
    Expired,
    AlreadyUsed,
}

/// <param name="Link">What the token asserts; set whenever its signature held (also for expired or used tokens).</param>
public sealed record ApprovalLinkCheck(ApprovalLinkStatus Status, string Reason, ApprovalLink? Link);

/// <summary>What a validly signed approval link stands for.</summary>
public sealed record ApprovalLink(string InstanceId, bool Approve, string Approver, DateTimeOffset ExpiresAt);
