using Soakline.Demo.Kit.Processes;

namespace Soakline.Demo.Kit.Scenario;

/// <summary>
/// The demo's git repository, made by <c>samples/create-demo-repo.sh</c> (the template's spec uses a release root
/// relative to each host's folder), optionally with the port the hosts listen on committed into the spec, and helpers
/// to commit changes the way a developer would push them. Used by the demo and by the end-to-end tests.
/// </summary>
public sealed class DemoRepository
{
    public const string FullName = "demo/shop";
    private const string Author = "user.name=Soakline demo";
    private const string Email = "user.email=demo@soakline.local";

    private DemoRepository(string path) => Path = path;

    public string Path { get; }

    /// <param name="appPort">The port the hosts' sample app listens on, committed into the spec; null keeps the template's.</param>
    public static async Task<DemoRepository> CreateAsync(string samplesFolder, string path, int? appPort = null)
    {
        await Shell.RunAsync(samplesFolder, "sh", System.IO.Path.Combine(samplesFolder, "create-demo-repo.sh"), path).ConfigureAwait(false);
        var repository = new DemoRepository(path);
        if (appPort is { } port)
        {
            var specPath = System.IO.Path.Combine(path, ".soakline.yml");
            var spec = await File.ReadAllTextAsync(specPath).ConfigureAwait(false);
            var wired = spec.Replace(":18080", $":{port}", StringComparison.Ordinal);
            await File.WriteAllTextAsync(specPath, wired).ConfigureAwait(false);
            if (wired != spec)
            {
                await repository.CommitAllAsync($"Demo: the hosts listen on port {port}").ConfigureAwait(false);
            }
        }

        // develop starts where main is, so both branches carry the same spec.
        await Shell.RunAsync(path, "git", "branch", "-f", "develop", "main").ConfigureAwait(false);
        return repository;
    }

    public Task<string> HeadAsync(string branch) => Shell.RunAsync(Path, "git", "rev-parse", branch);

    /// <summary>Writes files on main and commits them; returns the new commit.</summary>
    public async Task<string> CommitAsync(string message, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (name, content) in files)
        {
            await File.WriteAllTextAsync(System.IO.Path.Combine(Path, name), content).ConfigureAwait(false);
        }

        return await CommitAllAsync(message).ConfigureAwait(false);
    }

    private async Task<string> CommitAllAsync(string message)
    {
        await Shell.RunAsync(Path, "git", "add", "-A").ConfigureAwait(false);
        await Shell.RunAsync(Path, "git", "-c", Author, "-c", Email, "commit", "-q", "-m", message).ConfigureAwait(false);
        return await HeadAsync("HEAD").ConfigureAwait(false);
    }
}
