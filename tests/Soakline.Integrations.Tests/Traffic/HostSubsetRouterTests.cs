using Soakline.Integrations.Tests.Deploy;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Integrations.Traffic;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Traffic;

/// <summary>Host-subset canary over real SSH: which hosts answer with the canary release, observed over HTTP.</summary>
[Collection(SshCollection.Name)]
public sealed class HostSubsetRouterTests(SshDeployFixture fixture)
{
    [Fact]
    public async Task Shifts_grow_the_canary_subset_and_restore_puts_the_earlier_split_back()
    {
        using var hosts = fixture.NewHosts(4);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var stable = await fixture.NewReleaseAsync();
        var canary = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, stable), CancellationToken.None)).AllSucceeded);
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, canary) with { Activate = false }, CancellationToken.None)).AllSucceeded);
        var router = new HostSubsetRouter(target);
        var component = SshDeployFixture.Component();

        var fivePercent = await router.ShiftAsync(new TrafficShift(component, hosts.Names, stable.Id, canary.Id, 5), CancellationToken.None);

        Assert.Equal(5, fivePercent.RequestedPercent);
        Assert.Equal(25.0, fivePercent.EffectivePercent);
        Assert.Equal([hosts[0].Name], fivePercent.CanaryHosts);
        await AssertServingAsync(hosts, canary.Id.Value, stable.Id.Value, stable.Id.Value, stable.Id.Value);

        var half = await router.ShiftAsync(new TrafficShift(component, hosts.Names, stable.Id, canary.Id, 50), CancellationToken.None);

        Assert.Equal(50.0, half.EffectivePercent);
        await AssertServingAsync(hosts, canary.Id.Value, canary.Id.Value, stable.Id.Value, stable.Id.Value);

        var restored = await router.RestoreAsync(fivePercent, CancellationToken.None);

        Assert.Equal(fivePercent, restored);
        await AssertServingAsync(hosts, canary.Id.Value, stable.Id.Value, stable.Id.Value, stable.Id.Value);
    }

    [Fact]
    public async Task A_canary_that_was_never_staged_fails_the_shift_with_the_hosts_reason()
    {
        using var hosts = fixture.NewHosts(2);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var stable = await fixture.NewReleaseAsync();
        var missing = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, stable), CancellationToken.None)).AllSucceeded);

        var error = await Assert.ThrowsAsync<TrafficShiftException>(() => new HostSubsetRouter(target).ShiftAsync(
            new TrafficShift(SshDeployFixture.Component(), hosts.Names, stable.Id, missing.Id, 50), CancellationToken.None));

        Assert.Contains($"release {missing.Id} is not on this host", error.Message);
        Assert.Equal($"releases/{stable.Id}", hosts[0].CurrentTarget);
    }

    private static async Task AssertServingAsync(AppHosts hosts, params string[] releases)
    {
        for (var i = 0; i < releases.Length; i++)
        {
            Assert.Equal(releases[i], await AppHttp.WaitForReleaseAsync(hosts[i].Address, hosts.AppPort, releases[i]));
        }
    }
}
