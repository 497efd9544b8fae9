using System.Collections.Concurrent;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration.Fakes;

internal sealed class FakeApprovalNotifier(TimeProvider clock) : IApprovalNotifier
{
    public ConcurrentQueue<ApprovalRequest> Requests { get; } = new();

    public Task<ApprovalRequestSent> RequestApprovalAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(new ApprovalRequestSent(request.Approvers, clock.GetUtcNow()));
    }
}
