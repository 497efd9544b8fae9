namespace Soakline.Integrations.Approvals;

public enum ApprovalTokenStatus
{
    Valid,
    Malformed,
    BadSignature,
    Expired,
    AlreadyUsed,
}
