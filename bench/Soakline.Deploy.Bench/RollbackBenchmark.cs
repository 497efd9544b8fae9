using System.Diagnostics;
using Soakline.Integrations.Deploy.Ssh;
using Soakline.Integrations.Health;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;

namespace Soakline.Deploy.Bench;

/// <summary>
/// Time from the rollback decision to every host answering healthy on the previous release, over SSH on loopback:
/// the rollback call (connect, read state, switch, restart) plus waiting until each host's app serves the old release.
/// </summary>
internal sealed class RollbackBenchmark(SshServer server, AppRepository repository, int appPort, int previewPort, int addressPool, int maxParallelHosts)
{
    private static readonly ComponentTarget Component = new("web", "app", [".env", "logs/"], null, "sh bin/restart", new Dictionary<string, string>(), 5);

    public async Task<IReadOnlyList<TimeSpan>> RunAsync(int hostCount, int iterations)
    {
        using var hosts = new AppHosts(hostCount, appPort, previewPort, addressPool);
        var options = hosts.SshOptions(server, o => o.MaxParallelHosts = maxParallelHosts);
        using var shells = new SshHostShellFactory(options);
        var target = new SshDeployTarget(shells, options, new HttpHealthProbe(new HttpClient()));

        var previous = repository.Commit();
        var current = repository.Commit();
        var previousId = AppRepository.NewReleaseId(previous);
        var currentId = AppRepository.NewReleaseId(current);
        await EnsureAsync(target.DeployAsync(new DeployRequest(Component, hosts.Names, previousId, previous, await repository.TarballAsync(previous)), CancellationToken.None));
        await EnsureAsync(target.DeployAsync(new DeployRequest(Component, hosts.Names, currentId, current, await repository.TarballAsync(current)), CancellationToken.None));

        var timings = new List<TimeSpan>();
        for (var i = 0; i < iterations; i++)
        {
            await WaitUntilAllServeAsync(hosts, currentId.Value);
            var clock = Stopwatch.StartNew();
            await EnsureAsync(target.RollbackAsync(new RollbackRequest(Component, hosts.Names, null, "bench"), CancellationToken.None));
            await WaitUntilAllServeAsync(hosts, previousId.Value);
            timings.Add(clock.Elapsed);

            // Untimed: forward again to the newer release so the next iteration has something to roll back from.
            await EnsureAsync(target.RollbackAsync(new RollbackRequest(Component, hosts.Names, currentId, "bench reset"), CancellationToken.None));
        }

        return timings;
    }

    private static async Task WaitUntilAllServeAsync(AppHosts hosts, string release)
    {
        var answers = await Task.WhenAll(hosts.Hosts.Select(h => AppHttp.WaitForReleaseAsync(h.Address, hosts.AppPort, release, TimeSpan.FromSeconds(30))));
        if (answers.Any(a => a != release))
        {
            throw new InvalidOperationException($"not every host came up on {release}: {string.Join(", ", answers)}");
        }
    }

    private static async Task EnsureAsync(Task<DeployResult> operation)
    {
        var result = await operation;
        if (!result.AllSucceeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Hosts.Where(h => !h.Succeeded).Select(h => $"{h.Host}: {h.Error}")));
        }
    }
}
