namespace Soakline.Integrations.Notifications.Mail;

/// <summary>Everything one approver's mail says; the composer only renders it.</summary>
internal sealed record ApprovalMailContent(
    string InstanceId,
    Pipeline.Ports.ReleaseSummary Summary,
    string Approver,
    Uri ApproveLink,
    Uri RejectLink,
    DateTimeOffset ExpiresAt,
    bool Expedited);
