using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Soakline.Integrations.Deploy.Shell;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Deploy;

/// <summary>
/// The deploy target for release folders with a <c>current</c> symlink, on any hosts a <see cref="IHostShellFactory"/>
/// can reach (SSH or this machine). Requests are validated whole before any host is touched; then hosts run in
/// parallel (bounded) and each one's outcome, failure included, becomes its own <see cref="HostDeployResult"/>.
/// </summary>
public class ReleaseDeployTarget(IHostShellFactory shells, IHealthProbe healthProbe, int maxParallelHosts, ILogger? logger = null)
    : IDeployTarget
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<DeployResult> DeployAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var component = ValidatedComponent.From(request.Target);
        var hosts = DescribeHosts(request.Hosts);
        if (!File.Exists(request.ArtifactPath))
        {
            throw new ArgumentException($"ArtifactPath: '{request.ArtifactPath}' does not exist.", nameof(request));
        }

        _logger.LogInformation("Deploying {Component} {Release} ({Commit}) to {HostCount} host(s)",
            component.Component, request.Release, request.Commit, hosts.Count);
        var results = await HostFanOut.RunAsync(request.Hosts, maxParallelHosts,
            (host, token) => OnHostAsync(component, hosts[host], "deploy", request.Fence,
                (steps, elapsed, t) => new HostDeployment(steps, component, request, healthProbe).RunAsync(elapsed, t), token),
            cancellationToken);
        return new DeployResult(component.Component, results);
    }

    public async Task<DeployResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var component = ValidatedComponent.From(request.Target);
        var hosts = DescribeHosts(request.Hosts);
        _logger.LogWarning("Rolling back {Component} on {HostCount} host(s) to {Release}: {Reason}",
            component.Component, hosts.Count, request.ToRelease?.Value ?? "previous release", request.Reason);
        var results = await HostFanOut.RunAsync(request.Hosts, maxParallelHosts,
            (host, token) => OnHostAsync(component, hosts[host], "rollback", request.Fence,
                (steps, elapsed, t) => new HostRollback(steps, request.ToRelease).RunAsync(elapsed, t), token),
            cancellationToken);
        return new DeployResult(component.Component, results);
    }

    public async Task<IReadOnlyList<HostReleases>> GetReleasesAsync(ComponentTarget target, IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        var component = ValidatedComponent.From(target);
        var described = DescribeHosts(hosts);
        return await HostFanOut.RunAsync(hosts, maxParallelHosts, async (host, token) =>
        {
            try
            {
                await using var shell = await shells.OpenAsync(host, token);
                var state = await HostReleaseState.ReadAsync(shell, ReleaseLayout.For(component.ReleaseRoot, described[host]), token);
                return new HostReleases(host, state.Current, state.Available);
            }
            catch (Exception failure) when (IsHostFailure(failure))
            {
                return new HostReleases(host, null, [], failure.Message);
            }
        }, cancellationToken);
    }

    private async Task<HostDeployResult> OnHostAsync(
        ValidatedComponent component, DeployHost host, string operation, EffectFence? fence,
        Func<HostReleaseSteps, Func<TimeSpan>, CancellationToken, Task<HostDeployResult>> run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        HostDeployResult result;
        try
        {
            await using var shell = await shells.OpenAsync(host.Name, cancellationToken);
            var steps = new HostReleaseSteps(shell, ReleaseLayout.For(component.ReleaseRoot, host), component, host, _logger, fence);
            result = await run(steps, () => clock.Elapsed, cancellationToken);
        }
        catch (Exception failure) when (IsHostFailure(failure))
        {
            result = new HostDeployResult(host.Name, false, null, null, clock.Elapsed, component.Redactor.Redact(failure.Message));
        }

        if (result.Succeeded)
        {
            _logger.LogInformation("{Operation} of {Component} on {Host}: {Release} active ({Elapsed} ms)",
                operation, component.Component, host.Name, result.ActiveRelease, (long)result.Duration.TotalMilliseconds);
        }
        else
        {
            _logger.LogError("{Operation} of {Component} on {Host} failed: {Error}", operation, component.Component, host.Name, result.Error);
        }

        return result;
    }

    private Dictionary<string, DeployHost> DescribeHosts(IReadOnlyList<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        if (hosts.Count == 0)
        {
            throw new ArgumentException("Hosts: at least one host is required.", nameof(hosts));
        }

        var duplicate = hosts.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Hosts: '{duplicate.Key}' is listed twice.", nameof(hosts));
        }

        return hosts.ToDictionary(h => h, shells.Describe, StringComparer.Ordinal);
    }

    // Anything that is about one host (unreachable, refused, timed out, a failed step) fails that host only;
    // programming errors and cancellation propagate.
    private static bool IsHostFailure(Exception failure) =>
        failure is DeployHostException or IOException or TimeoutException or System.Net.Sockets.SocketException
            or UnauthorizedAccessException;
}
