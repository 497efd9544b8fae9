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

/// <summary>What an approval request tells the approver.</summary>
/// <param name="ChangedPaths">Every path changed since the commit the environment's current release came from.</param>
/// <param name="StagingResult">Whether (and when) this commit was deployed to staging; null when nobody looked.</param>
/// <param name="FirstReleases">Components with no earlier release in the environment: nothing to compare their paths with.</param>
public sealed record ReleaseSummary(
    CommitRef Commit,
    string Environment,
    string Author,
    string Message,
    IReadOnlyList<string> Components,
    IReadOnlyList<string> ChangedPaths,
    string? StagingResult,
    string? E2EResult,
    IReadOnlyList<string>? FirstReleases = null);

public sealed record ApprovalRequest(
    string InstanceId,
    ReleaseSummary Summary,
    IReadOnlyList<string> Approvers,
    DateTimeOffset ExpiresAt,
    bool Expedited);

public sealed record ApprovalRequestSent(IReadOnlyList<string> Recipients, DateTimeOffset SentAt);

/// <summary>The payload of the approval external event raised by the approval page or the API.</summary>
/// <param name="DecidedBy">The authenticated identity of the decider (never a name taken from a request body).</param>
/// <param name="DecisionId">
/// Identifies this decision: the gate records a receipt under it (<see cref="Orchestration.DecisionReceipt"/>) for the
/// endpoint to answer from, and a second event with the same id is not decided twice. Null: the gate assigns one.
/// </param>
public sealed record ApprovalDecision(bool Approved, string DecidedBy, DateTimeOffset DecidedAt, string? Comment = null, string? DecisionId = null);
