using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>
/// Reads <c>.soakline.yml</c> at the pushed commit. A permanent source-control failure comes back as the reason the
/// spec is unavailable, so the pipeline ends at once with it; anything else throws and is retried.
/// </summary>
public sealed class GetSpecTextActivity(ISourceControl sourceControl) : TaskActivity<CommitRef, SpecFile>
{
    public override async Task<SpecFile> RunAsync(TaskActivityContext context, CommitRef input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return new SpecFile(await sourceControl.GetFileContentAsync(input, Spec.Loading.PipelineSpecLoader.FileName, CancellationToken.None).ConfigureAwait(false));
        }
        catch (SourceControlException e) when (e.IsPermanent)
        {
            return new SpecFile(null, e.Message);
        }
    }
}
