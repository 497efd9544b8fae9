using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.LocalGit;

/// <summary>
/// Artifacts to match <see cref="LocalFirstSourceControl"/>: <c>git archive</c> from the clone for a locally served
/// repository, GitHub's tarball for any other (before, a clone setting replaced GitHub's archives for every repository).
/// </summary>
public sealed class LocalFirstArtifactSource(LocalGitClones clones, IArtifactSource local, IArtifactSource remote) : IArtifactSource
{
    public Task<ArtifactInfo> WriteTarballAsync(CommitRef commit, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return (clones.Serves(commit.Repository) ? local : remote).WriteTarballAsync(commit, destinationPath, cancellationToken);
    }
}
