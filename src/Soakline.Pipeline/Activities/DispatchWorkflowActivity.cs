using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Starts the E2E workflow against staging.</summary>
public sealed class DispatchWorkflowActivity(ISourceControl sourceControl) : TaskActivity<WorkflowDispatch, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, WorkflowDispatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await sourceControl.DispatchWorkflowAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
