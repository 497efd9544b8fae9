using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>The newest run of a workflow for a commit (E2E result), or null.</summary>
public sealed class FindWorkflowRunActivity(ISourceControl sourceControl) : TaskActivity<WorkflowRunQuery, WorkflowRunStatus?>
{
    public override async Task<WorkflowRunStatus?> RunAsync(TaskActivityContext context, WorkflowRunQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await sourceControl.FindLatestWorkflowRunAsync(input.Repository, input.WorkflowFile, input.HeadSha, CancellationToken.None).ConfigureAwait(false);
    }
}
