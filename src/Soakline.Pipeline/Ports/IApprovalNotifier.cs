using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>
/// Asks approvers to approve or reject a production release (email with signed approve/reject links). The decision
/// comes back to the orchestration as an external event, not through this port.
/// </summary>
public interface IApprovalNotifier
{
    Task<ApprovalRequestSent> RequestApprovalAsync(ApprovalRequest request, CancellationToken cancellationToken);
}
