namespace Soakline.Integrations.Approvals;

/// <summary>The decision an approval link stands for; it is part of the signed token so one link cannot be turned into the other.</summary>
public enum ApprovalChoice
{
    Approve,
    Reject,
}
