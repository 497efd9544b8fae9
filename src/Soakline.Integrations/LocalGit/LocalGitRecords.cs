using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.LocalGit;

/// <summary>
/// What GitHub would remember for a locally served repository (commit statuses, deployments and their statuses), kept
/// as JSON files in the clone's git directory, <c>.git/soakline/commit-statuses.json</c> and
/// <c>.git/soakline/deployments.json</c>: they survive restarts, travel with the clone, are readable with any editor,
/// and stay out of the working tree and of every commit. Each file is rewritten whole under a lock per file and
/// replaced atomically (write, then rename), so a reader never sees half a file.
/// </summary>
internal sealed class LocalGitRecords(LocalGitCommand git, TimeProvider clock)
{
    public const string FolderName = "soakline";
    public const string CommitStatusesFile = "commit-statuses.json";
    public const string DeploymentsFile = "deployments.json";

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly ConcurrentDictionary<string, string> _folders = new(StringComparer.Ordinal);

    public async Task AddCommitStatusAsync(string clone, string sha, CommitStatusUpdate update, CancellationToken cancellationToken)
    {
        var status = new LocalCommitStatus(sha, update.Context, update.State, update.Description, update.TargetUrl, clock.GetUtcNow());
        await UpdateAsync<LocalCommitStatus>(clone, CommitStatusesFile, list => [.. list, status], cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LocalCommitStatus>> CommitStatusesAsync(string clone, string sha, CancellationToken cancellationToken)
    {
        var all = await ReadAsync<LocalCommitStatus>(clone, CommitStatusesFile, cancellationToken).ConfigureAwait(false);
        return [.. all.Where(s => string.Equals(s.Sha, sha, StringComparison.OrdinalIgnoreCase))];
    }

    /// <returns>The new deployment's id: one more than the highest so far in this clone, as GitHub's ids only grow.</returns>
    public async Task<long> CreateDeploymentAsync(string clone, string sha, string environment, string description, CancellationToken cancellationToken)
    {
        long id = 0;
        await UpdateAsync<LocalDeployment>(clone, DeploymentsFile, list =>
        {
            id = list.Count == 0 ? 1 : list.Max(d => d.Id) + 1;
            return [.. list, new LocalDeployment(id, sha, environment, description, clock.GetUtcNow(), [])];
        }, cancellationToken).ConfigureAwait(false);
        return id;
    }

    public Task AddDeploymentStatusAsync(string clone, DeploymentStatusUpdate update, CancellationToken cancellationToken) =>
        UpdateAsync<LocalDeployment>(clone, DeploymentsFile, list =>
        {
            var index = list.FindIndex(d => d.Id == update.Deployment.DeploymentId);
            if (index < 0)
            {
                throw new SourceControlException($"deployment {update.Deployment.DeploymentId} of {update.Deployment.Repository} is not in the clone's {FolderName}/{DeploymentsFile}") { IsPermanent = true };
            }

            var deployment = list[index];
            list[index] = deployment with { Statuses = [.. deployment.Statuses, new LocalDeploymentStatus(update.State, update.Description, update.EnvironmentUrl, update.LogUrl, clock.GetUtcNow())] };
            return list;
        }, cancellationToken);

    public async Task<IReadOnlyList<LocalDeployment>> DeploymentsAsync(string clone, CancellationToken cancellationToken) =>
        await ReadAsync<LocalDeployment>(clone, DeploymentsFile, cancellationToken).ConfigureAwait(false);

    /// <summary>The folder the records live in: <c>soakline</c> under the clone's git directory (bare or not).</summary>
    public async Task<string> FolderAsync(string clone, CancellationToken cancellationToken)
    {
        if (_folders.TryGetValue(clone, out var known))
        {
            return known;
        }

        var gitDirectory = (await git.RunAsync(clone, ["rev-parse", "--absolute-git-dir"], cancellationToken).ConfigureAwait(false)).Trim();
        return _folders.GetOrAdd(clone, Path.Combine(gitDirectory, FolderName));
    }

    private async Task<List<T>> ReadAsync<T>(string clone, string file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(await FolderAsync(clone, cancellationToken).ConfigureAwait(false), file);
        var gate = Locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await LoadAsync<T>(path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task UpdateAsync<T>(string clone, string file, Func<List<T>, List<T>> change, CancellationToken cancellationToken)
    {
        var folder = await FolderAsync(clone, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(folder, file);
        var gate = Locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changed = change(await LoadAsync<T>(path, cancellationToken).ConfigureAwait(false));
            Directory.CreateDirectory(folder);
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            await using (var stream = File.Create(temporary))
            {
                await JsonSerializer.SerializeAsync(stream, changed, Json, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<List<T>> LoadAsync<T>(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<List<T>>(stream, Json, cancellationToken).ConfigureAwait(false) ?? [];
        }
        catch (JsonException ex)
        {
            // Never overwritten: a hand-edited file that no longer parses is the operator's to repair, not ours to drop.
            throw new SourceControlException($"{path} is not valid JSON ({ex.Message}); fix or remove it", ex) { IsPermanent = true };
        }
    }
}
