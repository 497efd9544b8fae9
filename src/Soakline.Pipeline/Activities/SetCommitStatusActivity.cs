using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Records an outcome (gate, staging, E2E) on the commit where developers look.</summary>
public sealed class SetCommitStatusActivity(ISourceControl sourceControl) : TaskActivity<CommitStatusRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CommitStatusRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await sourceControl.SetCommitStatusAsync(input.Commit, input.Update, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
