using Soakline.Integrations.Deploy.Local;
using Soakline.Integrations.Health;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Deploy;

/// <summary>The local target runs the same commands through this machine's /bin/sh; observed over HTTP too.</summary>
[Collection(SshCollection.Name)]
public sealed class LocalDeployTargetTests(SshDeployFixture fixture)
{
    [Fact]
    public async Task Deploy_then_rollback_on_this_machine()
    {
        using var hosts = fixture.NewHosts(2);
        var target = new LocalDeployTarget(hosts.LocalOptions(), new HttpHealthProbe(new HttpClient()));
        var first = await fixture.NewReleaseAsync();
        var second = await fixture.NewReleaseAsync();

        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, first), CancellationToken.None)).AllSucceeded);
        var deployed = await target.DeployAsync(SshDeployFixture.Deploy(hosts, second), CancellationToken.None);

        Assert.True(deployed.AllSucceeded, SshDeployTargetTests.Describe(deployed));
        foreach (var host in hosts.Hosts)
        {
            Assert.Equal(second.Commit.Sha + "\n", File.ReadAllText(Path.Combine(host.ReleaseDirectory(second.Id.Value), "REVISION")));
            Assert.Equal(second.Id.Value, await AppHttp.WaitForReleaseAsync(host.Address, hosts.AppPort, second.Id.Value));
        }

        var rolledBack = await target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, null, "manual"), CancellationToken.None);

        Assert.True(rolledBack.AllSucceeded, SshDeployTargetTests.Describe(rolledBack));
        foreach (var host in hosts.Hosts)
        {
            Assert.Equal($"releases/{first.Id}", host.CurrentTarget);
            Assert.Equal(first.Id.Value, await AppHttp.WaitForReleaseAsync(host.Address, hosts.AppPort, first.Id.Value));
        }
    }

    [Fact]
    public async Task A_missing_shared_file_fails_the_host_naming_the_file_and_leaves_no_release_behind()
    {
        using var hosts = fixture.NewHosts(1);
        File.Delete(Path.Combine(hosts[0].SharedDirectory, ".env"));
        var target = new LocalDeployTarget(hosts.LocalOptions(), new HttpHealthProbe(new HttpClient()));
        var release = await fixture.NewReleaseAsync();

        var result = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, release), CancellationToken.None)).Hosts);

        Assert.False(result.Succeeded);
        Assert.Contains($"checking shared file {hosts[0].SharedDirectory}/.env", result.Error);
        Assert.Empty(hosts[0].ReleaseNames());
        Assert.Null(hosts[0].CurrentTarget);
    }

    [Fact]
    public async Task A_switch_that_fails_leaves_current_as_it_was_and_discards_the_new_release()
    {
        using var hosts = fixture.NewHosts(1);

        // A real folder where the link should be (a hand-made install): rename cannot replace it.
        Directory.CreateDirectory(Path.Combine(hosts[0].CurrentLink, "keep"));
        var target = new LocalDeployTarget(hosts.LocalOptions(), new HttpHealthProbe(new HttpClient()));
        var release = await fixture.NewReleaseAsync();

        var result = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, release), CancellationToken.None)).Hosts);

        Assert.False(result.Succeeded);
        Assert.Contains("switching current failed", result.Error);
        Assert.Null(result.ActiveRelease);
        Assert.True(Directory.Exists(Path.Combine(hosts[0].CurrentLink, "keep")));
        Assert.Empty(hosts[0].ReleaseNames());
    }

    [Fact]
    public async Task A_repeated_deploy_whose_first_attempt_died_between_switch_and_restart_restarts_the_release()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, first, second) = await DeployTwoReleasesAsync(hosts);

        // The state a kill between the switch and the restart leaves: the host runs the first release (rolled back to
        // it, which restarts it and records that restart), while current already points at the second.
        Assert.True((await target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, null, "setting up"), CancellationToken.None)).AllSucceeded);
        Assert.Equal(first.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, first.Id.Value));
        await RelinkCurrentAsync(hosts[0], second.Id.Value);

        // The engine runs the deploy again (activities run at least once): it must finish what the first attempt left.
        var repeated = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, second), CancellationToken.None)).Hosts);

        Assert.True(repeated.Succeeded, repeated.Error);
        Assert.Equal(second.Id, repeated.ActiveRelease);
        Assert.Equal(second.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, second.Id.Value));
    }

    [Fact]
    public async Task A_repeated_rollback_to_the_release_already_active_and_restarted_changes_nothing()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, first, second) = await DeployTwoReleasesAsync(hosts);
        var rollback = new RollbackRequest(SshDeployFixture.Component(), hosts.Names, first.Id, "breach");
        Assert.True((await target.RollbackAsync(rollback, CancellationToken.None)).AllSucceeded);
        Assert.Equal(first.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, first.Id.Value));
        var processAfterRollback = File.ReadAllText(AppPidFile(hosts[0]));

        // The engine runs the same rollback again (a retried activity, or a rollback re-run after a crash).
        var repeated = Assert.Single((await target.RollbackAsync(rollback, CancellationToken.None)).Hosts);

        Assert.True(repeated.Succeeded, repeated.Error);
        Assert.Equal(first.Id, repeated.ActiveRelease);
        Assert.Equal($"releases/{first.Id}", hosts[0].CurrentTarget);
        Assert.Equal(processAfterRollback, File.ReadAllText(AppPidFile(hosts[0])));
        Assert.Equal(first.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, first.Id.Value));
    }

    [Fact]
    public async Task A_rollback_whose_first_attempt_died_between_switch_and_restart_restarts_the_target_once()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, first, second) = await DeployTwoReleasesAsync(hosts);
        Assert.Equal(second.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, second.Id.Value));
        var processOfSecond = File.ReadAllText(AppPidFile(hosts[0]));

        // What a kill between the rollback's switch and its restart leaves: current on the first release, the second still running.
        await RelinkCurrentAsync(hosts[0], first.Id.Value);

        var rollback = new RollbackRequest(SshDeployFixture.Component(), hosts.Names, first.Id, "breach");
        var retried = Assert.Single((await target.RollbackAsync(rollback, CancellationToken.None)).Hosts);

        Assert.True(retried.Succeeded, retried.Error);
        Assert.Equal(first.Id, retried.ActiveRelease);
        Assert.NotEqual(processOfSecond, File.ReadAllText(AppPidFile(hosts[0])));
        Assert.Equal(first.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, first.Id.Value));
    }

    /// <summary>Deploys two new releases one after the other: the host runs the second, the first is its previous.</summary>
    private async Task<(LocalDeployTarget Target, Release First, Release Second)> DeployTwoReleasesAsync(AppHosts hosts)
    {
        var target = new LocalDeployTarget(hosts.LocalOptions(), new HttpHealthProbe(new HttpClient()));
        var first = await fixture.NewReleaseAsync();
        var second = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, first), CancellationToken.None)).AllSucceeded);
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, second), CancellationToken.None)).AllSucceeded);
        return (target, first, second);
    }

    // bin/restart of the test app (TinyApp) writes the process it started here.
    private static string AppPidFile(AppHost host) => Path.Combine(host.SharedDirectory, "app.pid");

    private static async Task RelinkCurrentAsync(AppHost host, string release)
    {
        using var relink = System.Diagnostics.Process.Start("ln", ["-sfn", $"releases/{release}", host.CurrentLink]);
        await relink.WaitForExitAsync();
        Assert.Equal(0, relink.ExitCode);
        Assert.Equal($"releases/{release}", host.CurrentTarget);
    }
}
