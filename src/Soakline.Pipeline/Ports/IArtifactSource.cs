using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>
/// Produces the deployable artifact of a commit: a gzipped tarball of the tree. GitHub's archive API in production,
/// <c>git archive</c> of a local repository in standalone mode.
/// </summary>
public interface IArtifactSource
{
    /// <summary>Writes the commit's tarball to <paramref name="destinationPath"/> and describes it.</summary>
    Task<ArtifactInfo> WriteTarballAsync(CommitRef commit, string destinationPath, CancellationToken cancellationToken);
}
