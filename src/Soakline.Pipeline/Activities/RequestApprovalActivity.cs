using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Sends the approval request (email with signed links).</summary>
public sealed class RequestApprovalActivity(IApprovalNotifier notifier) : TaskActivity<ApprovalRequest, ApprovalRequestSent>
{
    public override async Task<ApprovalRequestSent> RunAsync(TaskActivityContext context, ApprovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await notifier.RequestApprovalAsync(input, CancellationToken.None).ConfigureAwait(false);
    }
}
