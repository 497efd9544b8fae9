using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Paths changed between the deployed commit and the pushed one (change detection).</summary>
public sealed class GetChangedPathsActivity(ISourceControl sourceControl) : TaskActivity<ChangedPathsQuery, IReadOnlyList<string>>
{
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, ChangedPathsQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await sourceControl.GetChangedPathsAsync(input.Repository, input.BaseSha, input.HeadSha, CancellationToken.None).ConfigureAwait(false);
    }
}
