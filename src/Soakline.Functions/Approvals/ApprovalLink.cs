namespace Soakline.Functions.Approvals;

/// <summary>What a validly signed approval link stands for.</summary>
public sealed record ApprovalLink(string InstanceId, bool Approve, string Approver, DateTimeOffset ExpiresAt);
