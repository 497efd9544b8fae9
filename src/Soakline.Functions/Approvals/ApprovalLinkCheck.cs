namespace Soakline.Functions.Approvals;

/// <param name="Link">What the token asserts; set whenever its signature held (also for expired or used tokens).</param>
internal sealed record ApprovalLinkCheck(ApprovalLinkStatus Status, string Reason, ApprovalLink? Link);
