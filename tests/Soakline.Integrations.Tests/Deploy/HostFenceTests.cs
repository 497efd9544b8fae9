using Soakline.Integrations.Deploy.Local;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Deploy;

/// <summary>
/// Fencing tokens on real hosts (this machine's shell, and sshd): an effect decided earlier than the last one that changed
/// a host is refused, so a late copy of an activity the engine runs again cannot undo a rollback (the chaos proof's
/// seed 383064582 saw a canary deployed again ten seconds after its rollback).
/// </summary>
[Collection(SshCollection.Name)]
public sealed class HostFenceTests(SshDeployFixture fixture)
{
    private static readonly EffectFence Baseline = new(100);
    private static readonly EffectFence Canary = new(200);
    private static readonly EffectFence Rollback = new(300);

    [Fact]
    public async Task A_late_copy_of_a_canary_deploy_after_its_rollback_is_refused_and_changes_nothing()
    {
        using var hosts = fixture.NewHosts(1);
        var host = hosts[0];
        var target = LocalTarget(hosts);
        var stable = await fixture.NewReleaseAsync();
        var canary = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(Fenced(hosts, stable, Baseline), CancellationToken.None)).AllSucceeded);
        Assert.True((await target.DeployAsync(Fenced(hosts, canary, Canary), CancellationToken.None)).AllSucceeded);
        Assert.True((await target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, stable.Id, "breach", Rollback), CancellationToken.None)).AllSucceeded);
        var canaryRevision = Path.Combine(host.ReleaseDirectory(canary.Id.Value), "REVISION");
        var builtAt = File.GetLastWriteTimeUtc(canaryRevision);

        var late = Assert.Single((await target.DeployAsync(Fenced(hosts, canary, Canary), CancellationToken.None)).Hosts);

        Assert.False(late.Succeeded);
        Assert.Contains("a later decision (fence 300) has already changed this host; this one is 200", late.Error);
        Assert.Equal(stable.Id, late.ActiveRelease);
        Assert.Equal($"releases/{stable.Id}", host.CurrentTarget);
        Assert.Equal(stable.Id.Value, await AppHttp.WaitForReleaseAsync(host.Address, hosts.AppPort, stable.Id.Value));

        // Refused before building: the canary's folder was neither rebuilt nor discarded.
        Assert.Equal(builtAt, File.GetLastWriteTimeUtc(canaryRevision));
        Assert.Equal("300", File.ReadAllText(Path.Combine(host.ReleaseRoot, ".soakline-fence")).Trim());
    }

    [Fact]
    public async Task A_late_rollback_after_a_newer_deploy_is_refused_and_a_retry_of_the_same_decision_is_allowed()
    {
        using var hosts = fixture.NewHosts(1);
        var target = LocalTarget(hosts);
        var first = await fixture.NewReleaseAsync();
        var second = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(Fenced(hosts, first, Baseline), CancellationToken.None)).AllSucceeded);
        var rollback = new RollbackRequest(SshDeployFixture.Component(), hosts.Names, first.Id, "breach", Canary);
        Assert.True((await target.RollbackAsync(rollback, CancellationToken.None)).AllSucceeded);

        var retried = Assert.Single((await target.RollbackAsync(rollback, CancellationToken.None)).Hosts);
        Assert.True(retried.Succeeded, retried.Error);

        Assert.True((await target.DeployAsync(Fenced(hosts, second, Rollback), CancellationToken.None)).AllSucceeded);
        var late = Assert.Single((await target.RollbackAsync(rollback, CancellationToken.None)).Hosts);

        Assert.False(late.Succeeded);
        Assert.Contains("refused: a later decision (fence 300)", late.Error);
        Assert.Equal($"releases/{second.Id}", hosts[0].CurrentTarget);
        Assert.Equal(second.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, second.Id.Value));
    }

    [Fact]
    public async Task Two_decisions_racing_on_one_host_always_leave_the_later_one_in_place()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, first, second) = await DeployBaselineThenCanaryAsync(hosts);

        // Whichever runs first, the later decision's release must be current at the end; unfenced, the order decides.
        for (var round = 0; round < 6; round++)
        {
            var earlier = new EffectFence(1_000 + (round * 10));
            var later = new EffectFence(1_005 + (round * 10));
            var (early, late) = round % 2 == 0 ? (first, second) : (second, first);
            await Task.WhenAll(
                target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, early.Id, "earlier", earlier), CancellationToken.None),
                target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, late.Id, "later", later), CancellationToken.None));

            Assert.Equal($"releases/{late.Id}", hosts[0].CurrentTarget);
            Assert.Equal(late.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, late.Id.Value));
        }
    }

    [Fact]
    public async Task Finding_nothing_to_do_is_a_decision_too_an_older_one_arriving_after_it_is_refused()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, first, second) = await DeployBaselineThenCanaryAsync(hosts);

        // A later decision finds the host already as it wants it (a repeated deploy, then a repeated rollback)...
        var repeated = Assert.Single((await target.DeployAsync(Fenced(hosts, second, Rollback), CancellationToken.None)).Hosts);
        Assert.True(repeated.Succeeded, repeated.Error);
        Assert.Equal("300", File.ReadAllText(Path.Combine(hosts[0].ReleaseRoot, ".soakline-fence")).Trim());

        // ...so an older decision still in flight (fence 250, between the canary and the repeat) may not act after it.
        var older = Assert.Single((await target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, first.Id, "older", new EffectFence(250)), CancellationToken.None)).Hosts);

        Assert.False(older.Succeeded);
        Assert.Contains("refused: a later decision (fence 300)", older.Error);
        Assert.Equal($"releases/{second.Id}", hosts[0].CurrentTarget);

        var repeatedRollback = Assert.Single((await target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, second.Id, "again", new EffectFence(400)), CancellationToken.None)).Hosts);
        Assert.True(repeatedRollback.Succeeded, repeatedRollback.Error);
        Assert.Equal("400", File.ReadAllText(Path.Combine(hosts[0].ReleaseRoot, ".soakline-fence")).Trim());
        Assert.Equal(second.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, second.Id.Value));
    }

    [Fact]
    public async Task A_fence_file_that_is_not_a_number_stops_every_fenced_change()
    {
        using var hosts = fixture.NewHosts(1);
        var target = LocalTarget(hosts);
        var first = await fixture.NewReleaseAsync();
        var second = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(Fenced(hosts, first, Baseline), CancellationToken.None)).AllSucceeded);
        File.WriteAllText(Path.Combine(hosts[0].ReleaseRoot, ".soakline-fence"), "garbage\n");

        var refused = Assert.Single((await target.DeployAsync(Fenced(hosts, second, Canary), CancellationToken.None)).Hosts);

        Assert.False(refused.Succeeded);
        Assert.Contains(".soakline-fence does not hold a number", refused.Error);
        Assert.Equal($"releases/{first.Id}", hosts[0].CurrentTarget);
    }

    [Fact]
    public async Task A_first_fenced_deploy_creates_the_release_root_that_holds_the_token()
    {
        using var hosts = fixture.NewHosts(1);
        var target = LocalTarget(hosts);
        var release = await fixture.NewReleaseAsync();
        var component = SshDeployFixture.Component() with { ReleaseRoot = "fresh", SharedPaths = ["logs/"] };
        var root = Path.Combine(hosts[0].BaseDirectory, "fresh");
        Assert.False(Directory.Exists(root));

        var result = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, release, component) with { Fence = Canary }, CancellationToken.None)).Hosts);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("200", File.ReadAllText(Path.Combine(root, ".soakline-fence")).Trim());
        Assert.Equal($"releases/{release.Id}", new FileInfo(Path.Combine(root, "current")).LinkTarget);
    }

    [Fact]
    public async Task A_restart_hook_that_exits_75_itself_is_the_restart_failing_not_a_refusal()
    {
        using var hosts = fixture.NewHosts(1);
        var target = LocalTarget(hosts);
        var release = await fixture.NewReleaseAsync();
        var component = SshDeployFixture.Component() with { RestartCommand = "echo 'restart went wrong' >&2; exit 75" };

        var result = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, release, component) with { Fence = Canary }, CancellationToken.None)).Hosts);

        Assert.False(result.Succeeded);
        Assert.Contains($"current now points at {release.Id}, but restart failed (exit 75): restart went wrong", result.Error);
        Assert.Equal(release.Id, result.ActiveRelease);
    }

    [Fact]
    public async Task Over_ssh_a_late_deploy_is_refused_too()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var stable = await fixture.NewReleaseAsync();
        var canary = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(Fenced(hosts, stable, Baseline), CancellationToken.None)).AllSucceeded);
        Assert.True((await target.DeployAsync(Fenced(hosts, canary, Canary), CancellationToken.None)).AllSucceeded);
        Assert.True((await target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, stable.Id, "breach", Rollback), CancellationToken.None)).AllSucceeded);

        var late = Assert.Single((await target.DeployAsync(Fenced(hosts, canary, Canary), CancellationToken.None)).Hosts);

        Assert.False(late.Succeeded);
        Assert.Contains("refused: a later decision (fence 300)", late.Error);
        Assert.Equal($"releases/{stable.Id}", hosts[0].CurrentTarget);
        Assert.Equal(stable.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, stable.Id.Value));
    }

    private LocalDeployTarget LocalTarget(AppHosts hosts) => new(hosts.LocalOptions(), fixture.HealthProbe);

    /// <summary>Deploys two new releases under the baseline's and then the canary's token: the host runs the second.</summary>
    private async Task<(LocalDeployTarget Target, Release First, Release Second)> DeployBaselineThenCanaryAsync(AppHosts hosts)
    {
        var target = LocalTarget(hosts);
        var first = await fixture.NewReleaseAsync();
        var second = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(Fenced(hosts, first, Baseline), CancellationToken.None)).AllSucceeded);
        Assert.True((await target.DeployAsync(Fenced(hosts, second, Canary), CancellationToken.None)).AllSucceeded);
        return (target, first, second);
    }

    private static DeployRequest Fenced(AppHosts hosts, Release release, EffectFence fence) =>
        SshDeployFixture.Deploy(hosts, release) with { Fence = fence };
}
