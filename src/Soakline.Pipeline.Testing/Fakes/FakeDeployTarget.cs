using System.Collections.Concurrent;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration.Fakes;

/// <summary>Release directories per host, in memory: deploy adds and switches, rollback switches back.</summary>
internal sealed class FakeDeployTarget : IDeployTarget
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Component, string Host), List<ReleaseId>> _releases = [];
    private readonly Dictionary<(string Component, string Host), ReleaseId> _current = [];

    public ConcurrentQueue<DeployRequest> Deploys { get; } = new();

    public ConcurrentQueue<RollbackRequest> Rollbacks { get; } = new();

    /// <summary>Hosts whose deploy fails.</summary>
    public HashSet<string> FailingHosts { get; } = [];

    /// <summary>Hosts whose deploy call throws (the SSH connection drops): the call's outcome is unknown.</summary>
    public HashSet<string> UnreachableHosts { get; } = [];

    public int DeployCalls => Deploys.Count;

    public void Seed(string component, IEnumerable<string> hosts, params ReleaseId[] releases)
    {
        lock (_gate)
        {
            foreach (var host in hosts)
            {
                _releases[(component, host)] = [.. releases];
                _current[(component, host)] = releases[^1];
            }
        }
    }

    public ReleaseId? CurrentOn(string component, string host)
    {
        lock (_gate)
        {
            return _current.GetValueOrDefault((component, host));
        }
    }

    public Task<DeployResult> DeployAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        Deploys.Enqueue(request);
        if (request.Hosts.Any(UnreachableHosts.Contains))
        {
            throw new IOException($"ssh: connection to {string.Join(", ", request.Hosts.Where(UnreachableHosts.Contains))} lost");
        }

        lock (_gate)
        {
            var hosts = request.Hosts.Select(host =>
            {
                var key = (request.Target.Component, host);
                var previous = _current.GetValueOrDefault(key);
                if (FailingHosts.Contains(host))
                {
                    return new HostDeployResult(host, false, previous, previous, TimeSpan.FromSeconds(1), "deploy hook exited with 1");
                }

                (_releases.TryGetValue(key, out var list) ? list : _releases[key] = []).Add(request.Release);
                _current[key] = request.Release;
                return new HostDeployResult(host, true, request.Release, previous, TimeSpan.FromSeconds(1));
            }).ToList();
            return Task.FromResult(new DeployResult(request.Target.Component, hosts));
        }
    }

    public Task<DeployResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        Rollbacks.Enqueue(request);
        lock (_gate)
        {
            var hosts = request.Hosts.Select(host =>
            {
                var key = (request.Target.Component, host);
                var list = _releases.GetValueOrDefault(key) ?? [];
                var current = _current.GetValueOrDefault(key);
                var index = current is null ? -1 : list.IndexOf(current);
                var target = request.ToRelease ?? (index > 0 ? list[index - 1] : null);
                if (target is null || !list.Contains(target))
                {
                    return new HostDeployResult(host, false, current, current, TimeSpan.Zero, "no release to roll back to");
                }

                _current[key] = target;
                return new HostDeployResult(host, true, target, current, TimeSpan.FromSeconds(1));
            }).ToList();
            return Task.FromResult(new DeployResult(request.Target.Component, hosts));
        }
    }

    public Task<IReadOnlyList<HostReleases>> GetReleasesAsync(ComponentTarget target, IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<HostReleases> result = [.. hosts.Select(h => new HostReleases(h, _current.GetValueOrDefault((target.Component, h)), [.. _releases.GetValueOrDefault((target.Component, h)) ?? []]))];
            return Task.FromResult(result);
        }
    }
}
