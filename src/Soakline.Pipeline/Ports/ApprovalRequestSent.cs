using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record ApprovalRequestSent(IReadOnlyList<string> Recipients, DateTimeOffset SentAt);
