using Soakline.Integrations.Deploy.Artifacts;
using Soakline.Pipeline.Domain;

namespace Soakline.Integrations.LocalGit;

/// <summary>
/// The repositories served from clones on this machine (<c>Soakline__LocalGit__Repositories__owner/name</c> = path):
/// their specs, diffs, statuses, deployment records and artifacts come from the clone instead of GitHub.
/// </summary>
public sealed class LocalGitClones
{
    private readonly Dictionary<string, string> _paths;

    public LocalGitClones(LocalGitArtifactOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _paths = new Dictionary<string, string>(options.Repositories, StringComparer.OrdinalIgnoreCase);
    }

    public LocalGitArtifactOptions Options { get; }

    /// <summary>The repositories as configured, "owner/name".</summary>
    public IReadOnlyCollection<string> Names => _paths.Keys;

    /// <summary>GitHub treats owner and name case-insensitively; so does this, so one repository never has two homes.</summary>
    public bool Serves(RepositoryRef repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return _paths.ContainsKey(repository.FullName);
    }

    /// <summary>The clone's folder; throws a permanent error naming the setting for a repository served elsewhere.</summary>
    public string PathOf(RepositoryRef repository) =>
        Serves(repository)
            ? _paths[repository.FullName]
            : throw new Pipeline.Ports.SourceControlException($"{repository} has no local clone: set {SettingName(repository.FullName)} to its path") { IsPermanent = true };

    /// <summary>The environment variable that names the clone of a repository.</summary>
    public static string SettingName(string fullName) => $"Soakline__LocalGit__Repositories__{fullName}";

    /// <summary>
    /// Every configured clone that cannot work, each naming its setting: a key that is not "owner/name", a path that
    /// does not exist or is not a git repository (a working tree with <c>.git</c>, or a bare repository).
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, path) in _paths.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var setting = SettingName(name);
            try
            {
                _ = RepositoryRef.Parse(name);
            }
            catch (FormatException)
            {
                problems.Add($"{setting}: '{name}' is not a repository name of the form owner/name");
                continue;
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                problems.Add($"{setting}: the path of the clone is empty");
            }
            else if (!Directory.Exists(path))
            {
                problems.Add($"{setting}: '{path}' does not exist");
            }
            else if (!IsGitRepository(path))
            {
                problems.Add($"{setting}: '{path}' is not a git repository (no .git, and not a bare repository)");
            }
        }

        return problems;
    }

    private static bool IsGitRepository(string path) =>
        Directory.Exists(Path.Combine(path, ".git"))
        || File.Exists(Path.Combine(path, ".git"))
        || (File.Exists(Path.Combine(path, "HEAD")) && Directory.Exists(Path.Combine(path, "objects")));
}
