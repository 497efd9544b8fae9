using Soakline.Integrations.Deploy.Local;
using Soakline.Pipeline.Domain;

namespace Soakline.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The demo's git repository, made by <c>samples/create-demo-repo.sh</c> (the same script <c>./run demo</c> uses) in a
/// temp folder, with helpers to commit changes the way a developer would push them.
/// </summary>
internal sealed class DemoRepository
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(30);

    private DemoRepository(string path, string initialCommit)
    {
        Path = path;
        InitialCommit = initialCommit;
    }

    /// <summary>How the tests name it, as GitHub would: owner/name.</summary>
    public static RepositoryRef Reference { get; } = new("demo", "sample");

    public string Path { get; }

    public string InitialCommit { get; }

    public static async Task<DemoRepository> CreateAsync(string path)
    {
        var created = await ProcessRunner.RunAsync("/bin/sh", [BuildLocations.CreateDemoRepoScript, path], null, null, GitTimeout, CancellationToken.None);
        Assert.True(created.Succeeded, $"create-demo-repo.sh failed ({created.ExitCode}): {created.Tail()}");
        return new DemoRepository(path, created.StandardOutput.Trim());
    }

    /// <summary>Writes files (paths relative to the repository), commits them on the current branch and returns the SHA.</summary>
    public async Task<string> CommitAsync(string message, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (relativePath, content) in files)
        {
            await File.WriteAllTextAsync(System.IO.Path.Combine(Path, relativePath), content);
        }

        await GitAsync("add", "-A");
        await GitAsync("-c", "user.name=Soakline demo", "-c", "user.email=demo@soakline.local", "commit", "-q", "-m", message);
        return (await GitAsync("rev-parse", "HEAD")).Trim();
    }

    private async Task<string> GitAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", ["-C", Path, .. arguments], null, null, GitTimeout, CancellationToken.None);
        Assert.True(result.Succeeded, $"git {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Tail()}");
        return result.StandardOutput;
    }
}
