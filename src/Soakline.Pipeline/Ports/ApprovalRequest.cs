using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record ApprovalRequest(
    string InstanceId,
    ReleaseSummary Summary,
    IReadOnlyList<string> Approvers,
    DateTimeOffset ExpiresAt,
    bool Expedited);
