using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Reads <c>.soakline.yml</c> at the pushed commit.</summary>
public sealed class GetSpecTextActivity(ISourceControl sourceControl) : TaskActivity<CommitRef, SpecFile>
{
    public override async Task<SpecFile> RunAsync(TaskActivityContext context, CommitRef input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new SpecFile(await sourceControl.GetFileContentAsync(input, Spec.Loading.PipelineSpecLoader.FileName, CancellationToken.None).ConfigureAwait(false));
    }
}

/// <param name="Text">The file's text, or null when the commit has no spec.</param>
public sealed record SpecFile(string? Text);
