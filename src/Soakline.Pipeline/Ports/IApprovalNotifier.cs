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

public sealed record ReleaseSummary(
    CommitRef Commit,
    string Environment,
    string Author,
    string Message,
    IReadOnlyList<string> Components,
    IReadOnlyList<string> ChangedPaths,
    string? StagingResult,
    string? E2EResult);

public sealed record ApprovalRequest(
    string InstanceId,
    ReleaseSummary Summary,
    IReadOnlyList<string> Approvers,
    DateTimeOffset ExpiresAt,
    bool Expedited);

public sealed record ApprovalRequestSent(IReadOnlyList<string> Recipients, DateTimeOffset SentAt);

/// <summary>The payload of the approval external event raised by the approval page or the API.</summary>
public sealed record ApprovalDecision(bool Approved, string DecidedBy, DateTimeOffset DecidedAt, string? Comment = null);
