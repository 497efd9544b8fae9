using System.Collections.Concurrent;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>Approval "mail" the running-app tests read instead of an SMTP server, and notifications that go nowhere.</summary>
internal sealed class RecordingApprovalNotifier : IApprovalNotifier, INotifier
{
    public ConcurrentQueue<ApprovalRequest> Requests { get; } = new();

    public Task<ApprovalRequestSent> RequestApprovalAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(new ApprovalRequestSent(request.Approvers, TimeProvider.System.GetUtcNow()));
    }

    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
