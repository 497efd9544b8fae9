namespace Soakline.Functions.Approvals;

internal enum ApprovalLinkStatus
{
    Valid,

    /// <summary>Malformed, tampered with, or signed with another key.</summary>
    Forged,
    Expired,
    AlreadyUsed,
}
