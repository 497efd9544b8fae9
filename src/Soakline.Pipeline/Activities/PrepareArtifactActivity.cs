using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Writes the commit's tarball once per pipeline run.</summary>
public sealed class PrepareArtifactActivity(IArtifactSource artifacts) : TaskActivity<ArtifactRequest, ArtifactInfo>
{
    public override async Task<ArtifactInfo> RunAsync(TaskActivityContext context, ArtifactRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // The tarball is written next to other releases of this pipeline run; the deploy activities read it from there.
        var directory = Path.Combine(Path.GetTempPath(), "soakline", "artifacts");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{input.Commit.Repository.Owner}-{input.Commit.Repository.Name}-{input.Release.Value}.tar.gz");
        return await artifacts.WriteTarballAsync(input.Commit, path, CancellationToken.None).ConfigureAwait(false);
    }
}
