using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Soakline.Integrations.Deploy.Shell;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Deploy;

/// <summary>
/// The steps deploy and rollback share on one host, each run through the host's shell with a failure turned into
/// a <see cref="DeployHostException"/> that names the step and carries the (redacted) end of the host's output.
/// </summary>
/// <remarks>
/// Each step's duration is logged at Debug level: the per-host total is in the result, this says where it went. The
/// steps that change what the host serves (switch, restart) run behind the decision's <see cref="HostFence"/>.
/// </remarks>
internal sealed class HostReleaseSteps(IHostShell shell, ReleaseLayout layout, ValidatedComponent component, DeployHost host, ILogger logger, EffectFence? fence = null)
{
    private readonly SecretRedactor _redactor = component.Redactor;
    private readonly HostFence _fence = new(HostFence.FileFor(layout), fence);

    public ReleaseLayout Layout => layout;

    public DeployHost Host => host;

    public Task<HostReleaseState> ReadStateAsync(CancellationToken cancellationToken) =>
        HostReleaseState.ReadAsync(shell, layout, cancellationToken);

    public Task RunAsync(string step, ShellCommand command, string? standardInput, CancellationToken cancellationToken) =>
        RunAsync(step, command, standardInput, fenced: false, cancellationToken);

    /// <summary>
    /// Throws <see cref="StaleDecisionException"/> when a later decision has already changed this host, before a deploy
    /// builds anything; records this decision's token otherwise. Creates the release root, where the token lives.
    /// </summary>
    public Task CheckFenceAsync(CancellationToken cancellationToken) =>
        _fence.IsFenced
            ? RunCommandAsync("checking that no later decision changed this host",
                ShellCommand.Run("mkdir", ShellArgument.Option("-p"), ShellArgument.Option("--"), layout.Root).And(_fence.Around(ShellCommand.Run("true"))),
                null, fenced: true, cancellationToken)
            : Task.CompletedTask;

    private Task RunAsync(string step, ShellCommand command, string? standardInput, bool fenced, CancellationToken cancellationToken) =>
        RunCommandAsync(step, fenced ? _fence.Around(command) : command, standardInput, fenced, cancellationToken);

    /// <param name="fenced">Whether <paramref name="command"/> contains a fenced part, whose refusal is a <see cref="StaleDecisionException"/>.</param>
    private async Task RunCommandAsync(string step, ShellCommand command, string? standardInput, bool fenced, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var result = await shell.RunAsync(command, standardInput, cancellationToken);
        logger.LogDebug("{Host}: {Step} exited {ExitCode} after {Elapsed} ms", host.Name, step, result.ExitCode, clock.ElapsedMilliseconds);
        if (fenced && _fence.Refused(result))
        {
            throw new StaleDecisionException($"{step}: {_redactor.Redact(result.Tail())}");
        }

        if (!result.Succeeded)
        {
            throw new DeployHostException($"{step} failed (exit {result.ExitCode}): {_redactor.Redact(result.Tail())}");
        }
    }

    public async Task UploadAsync(string localFile, RemotePath destination, CancellationToken cancellationToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            await shell.UploadAsync(localFile, destination, cancellationToken);
            logger.LogDebug("{Host}: upload to {Destination} took {Elapsed} ms", host.Name, destination, clock.ElapsedMilliseconds);
        }
        catch (IOException failure)
        {
            throw new DeployHostException($"uploading the artifact to {destination} failed: {failure.Message}", failure);
        }
    }

    /// <summary>Runs a spec hook in <paramref name="workingDirectory"/>, with the component's environment plus Soakline's own variables.</summary>
    public Task RunHookAsync(string step, ShellScript hook, RemotePath workingDirectory, ReleaseId release, CommitRef? commit, CancellationToken cancellationToken) =>
        RunHookAsync(step, hook, workingDirectory, release, commit, fenced: false, cancellationToken);

    private Task RunHookAsync(string step, ShellScript hook, RemotePath workingDirectory, ReleaseId release, CommitRef? commit, bool fenced, CancellationToken cancellationToken) =>
        RunAsync(step, HookEnvironment.HookCommand(workingDirectory, hook), HookVariables(release, commit), fenced, cancellationToken);

    /// <summary>The hook's environment as its standard input: the component's variables plus Soakline's own.</summary>
    private string HookVariables(ReleaseId release, CommitRef? commit)
    {
        var environment = new HookEnvironment();
        foreach (var (name, value) in component.Environment)
        {
            environment.Set(name, value);
        }

        environment
            .Set("SOAKLINE_COMPONENT", component.Component)
            .Set("SOAKLINE_HOST", host.Name)
            .Set("SOAKLINE_RELEASE", release.Value)
            .Set("SOAKLINE_RELEASE_ROOT", layout.Root.Value)
            .Set("SOAKLINE_RELEASE_DIR", layout.ReleaseDirectory(release).Value)
            .Set("SOAKLINE_SHARED_DIR", layout.Shared.Value);
        if (commit is not null)
        {
            environment.Set("SOAKLINE_COMMIT", commit.Sha);

            // The branch is free text from a push; it reaches the hook only as this variable's value.
            environment.Set("SOAKLINE_BRANCH", commit.Branch ?? "");
        }

        return environment.ToStandardInput();
    }

    /// <summary>
    /// Points <c>current</c> at <paramref name="release"/> atomically; on failure <c>current</c> is unchanged. Fenced: a
    /// host a later decision has changed refuses (<see cref="StaleDecisionException"/>).
    /// </summary>
    public Task SwitchAsync(ReleaseId release, CancellationToken cancellationToken) =>
        RunAsync("switching current", ReleaseCommands.SwitchCurrent(layout, release), null, fenced: true, cancellationToken);

    /// <summary>
    /// Runs the restart command in <c>current</c>, which already points at <paramref name="release"/>. Fenced, like the
    /// switch: a late restart must not bring back what a later decision switched away from.
    /// </summary>
    public async Task RestartAsync(ReleaseId release, CommitRef? commit, CancellationToken cancellationToken)
    {
        if (component.RestartCommand is not { } restart)
        {
            return;
        }

        try
        {
            // The marker is written by the same shell, right after the hook succeeds: a deploy process killed between
            // two separate commands would leave a completed restart unrecorded, and its retry would restart again.
            var restartThenRecord = HookEnvironment.HookCommand(layout.Current, restart).And(ReleaseCommands.RecordRestart(layout, release));
            await RunAsync("restart", restartThenRecord, HookVariables(release, commit), fenced: true, cancellationToken);
        }
        catch (StaleDecisionException)
        {
            throw;
        }
        catch (DeployHostException failure)
        {
            throw new DeployHostException($"current now points at {release}, but {failure.Message}", failure);
        }
    }

    /// <summary>
    /// Whether <paramref name="release"/>, which <c>current</c> already points at, still waits for its restart: the
    /// process of a deploy or rollback died between its switch and its restart (no restart recorded for it). A
    /// component without a restart command has nothing to wait for.
    /// </summary>
    public bool AwaitsRestart(ReleaseId release, HostReleaseState state) =>
        component.RestartCommand is not null && state.Current == release && state.Restarted != release;

    /// <summary>
    /// Confirms, behind the fence, that <paramref name="release"/> is still active as read (current, and its restart
    /// recorded when the component has a restart command): true when it is and nothing needs doing. False when the
    /// host changed since it was read (an older decision acted in between; this one must act after it). Throws
    /// <see cref="StaleDecisionException"/> when a later decision has already changed the host.
    /// </summary>
    /// <remarks>
    /// A "nothing to do" that skipped the fence would let an older decision still in flight act after this one: two
    /// rollbacks racing to different releases could then end on the older decision's release.
    /// </remarks>
    public async Task<bool> ConfirmActiveAsync(ReleaseId release, CancellationToken cancellationToken)
    {
        var command = _fence.Around(ReleaseCommands.ConfirmActive(layout, release, restartRecorded: component.RestartCommand is not null));
        var clock = Stopwatch.StartNew();
        var result = await shell.RunAsync(command, null, cancellationToken);
        logger.LogDebug("{Host}: confirming {Release} still active exited {ExitCode} after {Elapsed} ms", host.Name, release, result.ExitCode, clock.ElapsedMilliseconds);
        if (_fence.Refused(result))
        {
            throw new StaleDecisionException($"confirming that {release} is still active: {_redactor.Redact(result.Tail())}");
        }

        return result.Succeeded;
    }

    public Task RemoveReleasesAsync(IReadOnlyCollection<ReleaseId> releases, CancellationToken cancellationToken) =>
        releases.Count == 0
            ? Task.CompletedTask
            : RunAsync("removing old releases", ReleaseCommands.RemoveReleases(layout, releases), null, cancellationToken);
}
