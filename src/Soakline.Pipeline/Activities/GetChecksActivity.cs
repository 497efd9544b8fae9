using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>The state of the gate's required checks on a commit.</summary>
public sealed class GetChecksActivity(ISourceControl sourceControl) : TaskActivity<ChecksQuery, CommitChecks>
{
    public override async Task<CommitChecks> RunAsync(TaskActivityContext context, ChecksQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await sourceControl.GetChecksAsync(input.Commit, input.RequiredChecks, CancellationToken.None).ConfigureAwait(false);
    }
}
