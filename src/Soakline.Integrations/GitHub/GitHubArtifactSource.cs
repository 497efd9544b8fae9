using System.Security.Cryptography;
using Octokit;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.GitHub;

/// <summary><see cref="IArtifactSource"/> through GitHub's archive API: the commit's tree as a gzipped tarball.</summary>
internal sealed class GitHubArtifactSource(IGitHubClient client, GitHubCallExecutor executor) : IArtifactSource
{
    /// <summary>Archives of large repositories take a while to generate on GitHub's side.</summary>
    private static readonly TimeSpan ArchiveTimeout = TimeSpan.FromMinutes(5);

    public async Task<ArtifactInfo> WriteTarballAsync(CommitRef commit, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var fullPath = Path.GetFullPath(destinationPath);
        var bytes = await executor.RunAsync(
            new GitHubOperation($"download the tarball of {commit.ShortSha}", commit.Repository.FullName, "contents: read"),
            () => client.Repository.Content.GetArchive(commit.Repository.Owner, commit.Repository.Name, ArchiveFormat.Tarball, commit.Sha, ArchiveTimeout),
            cancellationToken).ConfigureAwait(false);
        if (bytes is null || bytes.Length == 0)
        {
            throw new SourceControlException($"GitHub returned an empty archive for {commit}.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        // Write next to the destination and move, so a crash never leaves a truncated tarball under the final name.
        var partial = fullPath + ".partial";
        await File.WriteAllBytesAsync(partial, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(partial, fullPath, overwrite: true);
        return new ArtifactInfo(fullPath, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
