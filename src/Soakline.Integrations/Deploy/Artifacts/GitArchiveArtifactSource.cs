using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Soakline.Integrations.Deploy.Local;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Deploy.Artifacts;

/// <summary>
/// Standalone mode's artifact: <c>git archive</c> of a commit in a local clone, as a gzipped tarball with one
/// top-level folder <c>name-shortsha/</c>, the same shape as GitHub's tarball API, so the deploy target unpacks
/// both the same way.
/// </summary>
public sealed partial class GitArchiveArtifactSource(LocalGitArtifactOptions options) : IArtifactSource
{
    public async Task<ArtifactInfo> WriteTarballAsync(CommitRef commit, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        if (!options.Repositories.TryGetValue(commit.Repository.FullName, out var repository))
        {
            throw new ArgumentException($"Repository: '{commit.Repository.FullName}' has no local clone configured (LocalGitArtifactOptions.Repositories).", nameof(commit));
        }

        if (!ShaPattern().IsMatch(commit.Sha))
        {
            // Checked here although git gets an argument list: a value starting with '-' would still read as an option.
            throw new ArgumentException($"Sha: '{commit.Sha}' is not a hexadecimal commit SHA.", nameof(commit));
        }

        var prefix = $"{SafeName().Replace(commit.Repository.Name, "_")}-{commit.ShortSha}/";
        var result = await ProcessRunner.RunAsync(options.GitExecutable,
            ["-C", repository, "archive", "--format=tar.gz", $"--prefix={prefix}", "-o", Path.GetFullPath(destinationPath), commit.Sha],
            null, null, options.Timeout, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"git archive of {commit} failed (exit {result.ExitCode}): {result.Tail()}");
        }

        await using var file = File.OpenRead(destinationPath);
        var hash = await SHA256.HashDataAsync(file, cancellationToken);
        return new ArtifactInfo(destinationPath, file.Length, Convert.ToHexStringLower(hash));
    }

    [GeneratedRegex("^[0-9a-fA-F]{7,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShaPattern();

    [GeneratedRegex("[^A-Za-z0-9._-]", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
