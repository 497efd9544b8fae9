using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>
/// A real git repository in a temporary folder, for the app's local source control: commits are made with the git
/// command line, on the branch asked for, and the folder is deleted on dispose. Shared, as linked source, with the
/// adapter's own tests in Soakline.Integrations.Tests.
/// </summary>
public sealed class LocalClone : IDisposable
{
    /// <summary>The repository the test settings' protection policy serves (GitHubDeliveries.Repository).</summary>
    public static readonly RepositoryRef Repository = new("acme", "shop");

    /// <summary>A spec that reads from the clone and deploys nothing: every branch is ignored, so the pipeline ends at once.</summary>
    public const string IgnoringSpec = """
        version: 1
        branches:
          - pattern: "**"
            mode: ignore
        components:
          api:
            paths: ["api/**"]
            hosts:
              staging: [staging-1]
            releaseRoot: /srv/api
        """;

    public LocalClone()
    {
        Path = Directory.CreateTempSubdirectory("soakline-clone-").FullName;
        Git("init", "-q", "-b", "main");
    }

    public string Path { get; }

    /// <summary>Commits these files on <paramref name="branch"/> (created from the current branch if new) and returns the SHA.</summary>
    public string Commit(string branch, IReadOnlyDictionary<string, string> files, string message = "change")
    {
        if (Git("branch", "--show-current").Trim() != branch)
        {
            var exists = Git("branch", "--list", branch).Length > 0;
            Git(exists ? ["checkout", "-q", branch] : ["checkout", "-q", "-b", branch]);
        }

        foreach (var (path, content) in files)
        {
            var full = System.IO.Path.Combine(Path, path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        Git("add", "-A");
        Git("-c", "user.name=Dev Eloper", "-c", "user.email=dev@example.com", "commit", "-q", "--allow-empty", "-m", message);
        return Head(branch);
    }

    public string Head(string branch) => Git("rev-parse", $"refs/heads/{branch}").Trim();

    /// <summary>Makes <paramref name="branch"/> point at <paramref name="sha"/> (a new branch, or a moved one).</summary>
    public void Branch(string branch, string sha) => Git("branch", "-f", branch, sha);

    public string Git(params string[] arguments) => ChildProcess.Run("git", ["-C", Path, .. arguments]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
