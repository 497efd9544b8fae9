using Soakline.Integrations.Deploy.Artifacts;
using Soakline.Pipeline.Domain;

namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>
/// A local git repository holding the tiny HTTP app every test release runs (see <see cref="TinyApp"/>). Each
/// commit is a new release; tarballs come from the real <see cref="GitArchiveArtifactSource"/>.
/// </summary>
public sealed class AppRepository : IDisposable
{
    private static long _releaseClock;
    private readonly TempDirectory _folder = new("repo");
    private readonly TempDirectory _artifacts = new("artifacts");
    private readonly GitArchiveArtifactSource _archive;
    private readonly object _gate = new();
    private int _commits;

    public AppRepository()
    {
        Git("init", "-q", "-b", "main");
        foreach (var (path, content) in TinyApp.Files)
        {
            Write(path, content);
        }

        var options = new LocalGitArtifactOptions();
        options.Repositories[Repository.FullName] = _folder.Path;
        _archive = new GitArchiveArtifactSource(options);
    }

    public RepositoryRef Repository { get; } = new("soakline", "tinyapp");

    public string Path => _folder.Path;

    /// <summary>Commits the app plus <paramref name="changes"/> (null content deletes a file), as a fresh commit.</summary>
    public CommitRef Commit(string branch = "main", IReadOnlyDictionary<string, string?>? changes = null)
    {
        lock (_gate)
        {
            var number = ++_commits;
            Write("VERSION", $"{number}\n");
            foreach (var (path, content) in changes ?? new Dictionary<string, string?>())
            {
                if (content is null)
                {
                    File.Delete(_folder.Combine(path));
                }
                else
                {
                    Write(path, content);
                }
            }

            Git("add", "-A");
            Git("-c", "user.name=Soakline Tests", "-c", "user.email=tests@soakline.invalid", "commit", "-q", "-m", $"release {number}");
            var sha = Git("rev-parse", "HEAD").Trim();

            // Marker files are for one release only; the next commit starts clean.
            foreach (var marker in TinyApp.Markers.Where(m => File.Exists(_folder.Combine(m))))
            {
                File.Delete(_folder.Combine(marker));
            }

            return new CommitRef(Repository, sha, branch);
        }
    }

    /// <summary>Release ids must sort by age; a shared clock one minute apart keeps every test's releases ordered.</summary>
    public static ReleaseId NewReleaseId(CommitRef commit) =>
        ReleaseId.Create(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Interlocked.Increment(ref _releaseClock)), commit.Sha);

    public async Task<string> TarballAsync(CommitRef commit)
    {
        var path = _artifacts.Combine($"{commit.ShortSha}.tar.gz");
        await _archive.WriteTarballAsync(commit, path, CancellationToken.None);
        return path;
    }

    public void Dispose()
    {
        _folder.Dispose();
        _artifacts.Dispose();
    }

    private void Write(string path, string content)
    {
        var full = _folder.Combine(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    private string Git(params string[] arguments) => ChildProcess.Run("git", ["-C", _folder.Path, .. arguments]);
}
