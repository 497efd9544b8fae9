using Soakline.Integrations.Deploy.Shell;
using Soakline.Integrations.Health;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Deploy;

/// <summary>
/// Deploys one release to one host: prepare, upload, unpack, link shared paths, REVISION, deploy hook, optional
/// pre-switch health check, atomic switch, restart, keep-N. Until the switch nothing the host serves has changed,
/// so a failure before it removes the half-built release and leaves the host on its previous one.
/// </summary>
internal sealed class HostDeployment(HostReleaseSteps steps, ValidatedComponent component, DeployRequest request, IHealthProbe healthProbe)
{
    // How often a deploy of the release already active reads the host again when another decision changed it meanwhile.
    private const int MaxStateReads = 3;

    public async Task<HostDeployResult> RunAsync(Func<TimeSpan> elapsed, CancellationToken cancellationToken)
    {
        var release = request.Release;
        var state = await steps.ReadStateAsync(cancellationToken);
        for (var reads = 1; state.Current == release; reads++)
        {
            // Activities run at least once: a repeated deploy of the active release is a success that changes nothing,
            // unless the first attempt died between its switch and its restart. The host then still runs the previous
            // release, so the restart it never got to runs now, once (the restart records itself when it completes).
            if (steps.AwaitsRestart(release, state))
            {
                return await RestartAsync(state.Previous);
            }

            // "Nothing to do" is confirmed behind the fence, so an older decision still in flight cannot act after it.
            try
            {
                if (await steps.ConfirmActiveAsync(release, cancellationToken))
                {
                    return Result(true, release, state.Previous);
                }
            }
            catch (StaleDecisionException stale)
            {
                return Result(false, state.Current, state.Current, stale.Message);
            }

            // An older decision changed the host after the read: this later one goes by what is there now.
            if (reads == MaxStateReads)
            {
                return Result(false, state.Current, state.Previous, $"the host changed {reads} times while this deploy read it; not deployed");
            }

            state = await steps.ReadStateAsync(cancellationToken);
        }

        try
        {
            // A late copy of an overtaken deploy stops here, before it unpacks or runs the deploy hook.
            await steps.CheckFenceAsync(cancellationToken);
            await BuildReleaseAsync(release, cancellationToken);
            if (!request.Activate)
            {
                return Result(true, state.Current, state.Current, await TryCleanUpAsync(state, release, state.Current, cancellationToken));
            }

            await CheckBeforeSwitchAsync(cancellationToken);
            await steps.SwitchAsync(release, cancellationToken);
        }
        catch (StaleDecisionException stale)
        {
            // Not discarded: a later decision owns this host now and may be using a release folder of this id.
            return Result(false, state.Current, state.Current, stale.Message);
        }
        catch (DeployHostException failure)
        {
            await DiscardAsync(release);
            return Result(false, state.Current, state.Current, failure.Message);
        }

        var restarted = await RestartAsync(state.Current);
        if (!restarted.Succeeded)
        {
            return restarted;
        }

        // Cleanup is housekeeping: the deploy has succeeded whatever it does, so its failure is only a note.
        var cleanup = await TryCleanUpAsync(state, release, release, cancellationToken);
        return Result(true, release, state.Current, cleanup);

        async Task<HostDeployResult> RestartAsync(ReleaseId? previous)
        {
            try
            {
                await steps.RestartAsync(release, request.Commit, cancellationToken);
                return Result(true, release, previous);
            }
            catch (StaleDecisionException stale)
            {
                // A later decision switched the host between this switch and this restart: what it serves is its call.
                return Result(false, null, previous, stale.Message);
            }
            catch (DeployHostException failure)
            {
                return Result(false, release, previous, failure.Message);
            }
        }

        HostDeployResult Result(bool succeeded, ReleaseId? active, ReleaseId? previous, string? error = null) =>
            new(steps.Host.Name, succeeded, active, previous, elapsed(), error);
    }

    private async Task BuildReleaseAsync(ReleaseId release, CancellationToken cancellationToken)
    {
        var layout = steps.Layout;
        await steps.RunAsync("preparing the release folder", ReleaseCommands.PrepareReleaseDirectory(layout, release), null, cancellationToken);
        await steps.UploadAsync(request.ArtifactPath, layout.Upload(release), cancellationToken);
        await steps.RunAsync("unpacking the artifact", ReleaseCommands.UnpackUpload(layout, release), null, cancellationToken);
        foreach (var shared in component.SharedPaths)
        {
            await LinkSharedAsync(release, shared, cancellationToken);
        }

        await steps.RunAsync("writing REVISION", ReleaseCommands.WriteStandardInputTo(layout.ReleaseDirectory(release).Combine("REVISION")),
            request.Commit.Sha + "\n", cancellationToken);
        if (component.DeployCommand is { } hook)
        {
            await steps.RunHookAsync("deploy hook", hook, layout.ReleaseDirectory(release), release, request.Commit, cancellationToken);
        }
    }

    private async Task LinkSharedAsync(ReleaseId release, SharedPath shared, CancellationToken cancellationToken)
    {
        var layout = steps.Layout;
        if (shared.IsDirectory)
        {
            await steps.RunAsync($"creating shared folder {shared.Path}", ReleaseCommands.CreateSharedDirectory(layout, shared), null, cancellationToken);
        }
        else
        {
            await steps.RunAsync($"checking shared file {layout.Shared.Combine(shared.Path)} (create it on the host once)",
                ReleaseCommands.SharedPathExists(layout, shared), null, cancellationToken);
        }

        await steps.RunAsync($"linking shared {shared.Path}", ReleaseCommands.LinkShared(layout, release, shared), null, cancellationToken);
    }

    private async Task CheckBeforeSwitchAsync(CancellationToken cancellationToken)
    {
        if (request.PreSwitchHealthCheck is not { } check)
        {
            return;
        }

        var hostCheck = check with { Url = HostHealthUrl.For(check.Url, steps.Host.Address) };
        var result = await healthProbe.CheckAsync(hostCheck, cancellationToken);
        if (!result.Healthy)
        {
            throw new DeployHostException(
                $"pre-switch health check of {hostCheck.Url} failed after {result.AttemptsUsed} attempt(s) " +
                $"(last status {result.LastStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}" +
                $"{(result.Error is null ? "" : ": " + result.Error)}); current was not switched");
        }
    }

    /// <summary>
    /// Keeps the newest <see cref="ValidatedComponent.KeepReleases"/> releases, and always the active one; returns a
    /// note for the host's result when old releases could not be removed.
    /// </summary>
    private async Task<string?> TryCleanUpAsync(HostReleaseState before, ReleaseId added, ReleaseId? active, CancellationToken cancellationToken)
    {
        var all = before.Available.Append(added).Distinct().OrderByDescending(r => r.Value, StringComparer.Ordinal).ToList();
        var keep = all.Take(component.KeepReleases).ToHashSet();
        var remove = all.Where(r => !keep.Contains(r) && r != active && r != added).ToList();
        try
        {
            await steps.RemoveReleasesAsync(remove, cancellationToken);
            return null;
        }
        catch (DeployHostException failure)
        {
            return $"deployed, but old releases were not removed: {failure.Message}";
        }
    }

    private async Task DiscardAsync(ReleaseId release)
    {
        // Best effort and deliberately not cancellable: the failure is what gets reported, a leftover folder is
        // harmless (the next attempt at this id starts by removing it) and never becomes current.
        try
        {
            await steps.RemoveReleasesAsync([release], CancellationToken.None);
        }
        catch (DeployHostException)
        {
        }
    }
}
