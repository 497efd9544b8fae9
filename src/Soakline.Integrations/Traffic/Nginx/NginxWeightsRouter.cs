using Soakline.Integrations.Deploy;
using Soakline.Integrations.Deploy.Shell;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Traffic.Nginx;

/// <summary>
/// Canary (and blue-green) by nginx upstream weights. Which hosts are canary is read from the hosts themselves
/// (those whose <c>current</c> is the canary release); the router writes the upstream file on the nginx host,
/// checks it with <c>nginx -t</c> (putting the old file back if the check fails) and reloads nginx. Writes run behind
/// the decision's <see cref="HostFence"/> (token file beside the upstream file), so a late copy of an overtaken shift
/// cannot put weights back that a rollback removed; a late reload only reloads the newer file.
/// </summary>
public sealed class NginxWeightsRouter(IHostShellFactory shells, IDeployTarget deployTarget, NginxRouterOptions options) : ITrafficRouter
{
    public Task<TrafficState> ShiftAsync(TrafficShift shift, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shift);
        return ApplyAsync(shift.Target, shift.Hosts, shift.StableRelease, shift.CanaryRelease, shift.Percent, shift.Fence, cancellationToken);
    }

    public Task<TrafficState> RestoreAsync(TrafficState previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (previous.Hosts is not { } hosts || previous.Target is not { } target)
        {
            throw new ArgumentException("previous: the state carries no Hosts/Target; restore a state that a router returned.", nameof(previous));
        }

        return ApplyAsync(target, hosts, previous.StableRelease, previous.CanaryRelease, previous.RequestedPercent, previous.Fence, cancellationToken);
    }

    private async Task<TrafficState> ApplyAsync(
        ComponentTarget target, IReadOnlyList<string> hosts, ReleaseId stable, ReleaseId canary, int percent, EffectFence? fence, CancellationToken cancellationToken)
    {
        CanaryHostSelection.ValidatePercent(percent);
        var backends = await ReadBackendsAsync(target, hosts, stable, canary, cancellationToken);
        var canaryCount = backends.Count(b => b.IsCanary);
        var weights = NginxWeights.For(percent, canaryCount, backends.Count - canaryCount);
        var content = NginxUpstreamFile.Render(options.UpstreamName, $"{target.Component}: {percent}% to {canary}, rest {stable}", backends, weights);

        await using (var shell = await shells.OpenAsync(options.NginxHost, cancellationToken))
        {
            await WriteCheckAndReloadAsync(shell, content, fence, cancellationToken);
        }

        var canaryHosts = weights.CanaryWeight > 0 ? backends.Where(b => b.IsCanary).Select(b => b.Host).ToList() : [];
        return new TrafficState(target.Component, percent, weights.EffectivePercent(canaryCount, backends.Count - canaryCount),
            stable, canary, canaryHosts, hosts, target);
    }

    private async Task<List<NginxBackend>> ReadBackendsAsync(
        ComponentTarget target, IReadOnlyList<string> hosts, ReleaseId stable, ReleaseId canary, CancellationToken cancellationToken)
    {
        var releases = await deployTarget.GetReleasesAsync(target, hosts, cancellationToken);
        var problems = releases
            .Where(h => h.Error is not null || (h.Current != stable && h.Current != canary))
            .Select(h => $"{h.Host}: {h.Error ?? $"runs {h.Current?.Value ?? "nothing"}, neither {stable} nor {canary}"}")
            .ToList();
        if (problems.Count > 0)
        {
            throw new TrafficShiftException($"cannot weight {target.Component}: {string.Join("; ", problems)}");
        }

        return releases.Select(h => new NginxBackend(h.Host, shells.Describe(h.Host).Address, options.BackendPort, h.Current == canary)).ToList();
    }

    private async Task WriteCheckAndReloadAsync(IHostShell shell, string content, EffectFence? fence, CancellationToken cancellationToken)
    {
        var file = RemotePath.Parse(options.UpstreamFile, nameof(options.UpstreamFile));
        var staging = RemotePath.Parse(file.Value + ".soakline-new", nameof(options.UpstreamFile));
        var guard = new HostFence(RemotePath.Parse(file.Value + ".soakline-fence", nameof(options.UpstreamFile)), fence);
        var old = await shell.RunAsync(ShellCommand.Run("cat", file).WithoutErrorOutput(), null, cancellationToken);

        // Written aside and renamed, so nginx (or a concurrent reload) never reads half a file.
        var written = await shell.RunAsync(guard.Around(ReleaseCommands.WriteStandardInputTo(staging)
            .And(ShellCommand.Run("mv", ShellArgument.Option("-f"), ShellArgument.Option("--"), staging, file))), content, cancellationToken);
        if (guard.Refused(written))
        {
            throw new TrafficShiftException($"not applied: {written.Tail()}");
        }

        Check("writing the upstream file", written);

        var test = await shell.RunAsync(NginxCommands.TestConfiguration(options), null, cancellationToken);
        if (!test.Succeeded)
        {
            await RunAsync(shell, "restoring the previous upstream file", guard.Around(old.Succeeded
                ? ReleaseCommands.WriteStandardInputTo(file)
                : ShellCommand.Run("rm", ShellArgument.Option("-f"), ShellArgument.Option("--"), file)), old.Succeeded ? old.StandardOutput : null, cancellationToken);
            throw new TrafficShiftException($"nginx -t rejected the new upstream file (the previous one was put back): {test.Tail()}");
        }

        await RunAsync(shell, "reloading nginx", NginxCommands.Reload(options), null, cancellationToken);
    }

    private static async Task RunAsync(IHostShell shell, string step, ShellCommand command, string? input, CancellationToken cancellationToken) =>
        Check(step, await shell.RunAsync(command, input, cancellationToken));

    private static void Check(string step, CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TrafficShiftException($"{step} failed on the nginx host (exit {result.ExitCode}): {result.Tail()}");
        }
    }
}
