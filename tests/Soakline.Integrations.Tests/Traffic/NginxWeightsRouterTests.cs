using Soakline.Integrations.Tests.Deploy;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Integrations.Deploy.Ssh;
using Soakline.Integrations.Traffic;
using Soakline.Integrations.Traffic.Nginx;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Traffic;

/// <summary>
/// nginx weights over SSH against a real nginx: the split is measured by sending requests through nginx and
/// counting which release answers (one nginx worker, so weighted round robin is exact).
/// </summary>
[Collection(SshCollection.Name)]
public sealed class NginxWeightsRouterTests(SshDeployFixture fixture) : IAsyncLifetime
{
    private const string NginxHost = "lb";
    private NginxServer _nginx = null!;

    public async Task InitializeAsync() => _nginx = await NginxServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }
    }

    [Fact]
    public async Task Weights_split_requests_between_releases_blue_green_switches_all_and_restore_goes_back()
    {
        using var hosts = fixture.NewHosts(2);
        var (router, stable, canary, shells) = await StableAndCanaryAsync(hosts);
        using var _ = shells;
        var component = SshDeployFixture.Component();

        var none = await router.ShiftAsync(new TrafficShift(component, hosts.Names, stable.Id, canary.Id, 0), CancellationToken.None);
        var allStable = await CountAsync(stable.Id.Value, canary.Id.Value, Split.AllStable);

        Assert.Equal(0.0, none.EffectivePercent);
        Assert.Empty(none.CanaryHosts);
        Assert.Equal((100, 0), allStable);

        var quarter = await router.ShiftAsync(new TrafficShift(component, hosts.Names, stable.Id, canary.Id, 25), CancellationToken.None);
        var (stableCount, canaryCount) = await CountAsync(stable.Id.Value, canary.Id.Value, Split.Mixed);

        Assert.Equal(25.0, quarter.EffectivePercent);
        Assert.Equal([hosts[1].Name], quarter.CanaryHosts);
        Assert.InRange(canaryCount, 20, 30);
        Assert.Equal(100, stableCount + canaryCount);
        Assert.Contains("weight=3;", File.ReadAllText(_nginx.UpstreamFile));

        await router.ShiftAsync(new TrafficShift(component, hosts.Names, stable.Id, canary.Id, 100), CancellationToken.None);
        Assert.Equal((0, 100), await CountAsync(stable.Id.Value, canary.Id.Value, Split.AllCanary));

        await router.RestoreAsync(none, CancellationToken.None);
        Assert.Equal((100, 0), await CountAsync(stable.Id.Value, canary.Id.Value, Split.AllStable));
    }

    [Fact]
    public async Task A_config_nginx_rejects_is_rolled_back_to_the_previous_file_and_reported()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts, o => o.Hosts[NginxHost] = AppHosts.SshHost(fixture.Server, "127.0.0.1", null));
        using var _ = shells;
        var stable = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, stable), CancellationToken.None)).AllSucceeded);
        var before = File.ReadAllText(_nginx.UpstreamFile);

        // An upstream name the site does not use leaves proxy_pass pointing at an undefined upstream: nginx -t fails.
        var options = _nginx.RouterOptions(NginxHost, hosts.AppPort);
        options.UpstreamName = "renamed";
        var router = new NginxWeightsRouter(shells, target, options);

        var error = await Assert.ThrowsAsync<TrafficShiftException>(() => router.ShiftAsync(
            new TrafficShift(SshDeployFixture.Component(), hosts.Names, stable.Id, stable.Id, 100), CancellationToken.None));

        Assert.Contains("nginx -t rejected the new upstream file", error.Message);
        Assert.Equal(before, File.ReadAllText(_nginx.UpstreamFile));
    }

    [Fact]
    public async Task A_late_copy_of_a_shift_after_the_restore_that_overtook_it_is_refused_and_nginx_keeps_the_restored_weights()
    {
        using var hosts = fixture.NewHosts(2);
        var (router, stable, canary, shells) = await StableAndCanaryAsync(hosts);
        using var _ = shells;
        var component = SshDeployFixture.Component();
        var none = await router.ShiftAsync(new TrafficShift(component, hosts.Names, stable.Id, canary.Id, 0, new EffectFence(100)), CancellationToken.None);
        var shift = new TrafficShift(component, hosts.Names, stable.Id, canary.Id, 100, new EffectFence(200));
        await router.ShiftAsync(shift, CancellationToken.None);
        await router.RestoreAsync(none with { Fence = new EffectFence(300) }, CancellationToken.None);
        var restored = File.ReadAllText(_nginx.UpstreamFile);

        var late = await Assert.ThrowsAsync<TrafficShiftException>(() => router.ShiftAsync(shift, CancellationToken.None));

        Assert.Contains("not applied: soakline: refused: a later decision (fence 300)", late.Message);
        Assert.Equal(restored, File.ReadAllText(_nginx.UpstreamFile));
        Assert.Equal((100, 0), await CountAsync(stable.Id.Value, canary.Id.Value, Split.AllStable));
    }

    /// <summary>Two hosts on the stable release, then the second on the canary; a router over them and the nginx host.</summary>
    private async Task<(NginxWeightsRouter Router, Release Stable, Release Canary, SshHostShellFactory Shells)> StableAndCanaryAsync(AppHosts hosts)
    {
        var (target, shells) = fixture.SshTarget(hosts, o => o.Hosts[NginxHost] = AppHosts.SshHost(fixture.Server, "127.0.0.1", null));
        var stable = await fixture.NewReleaseAsync();
        var canary = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, stable), CancellationToken.None)).AllSucceeded);
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, canary, only: [hosts[1].Name]), CancellationToken.None)).AllSucceeded);
        await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, stable.Id.Value);
        await AppHttp.WaitForReleaseAsync(hosts[1].Address, hosts.AppPort, canary.Id.Value);
        return (new NginxWeightsRouter(shells, target, _nginx.RouterOptions(NginxHost, hosts.AppPort)), stable, canary, shells);
    }

    /// <summary>Waits until the new split is live (a reload is asynchronous), then counts 100 answers.</summary>
    private async Task<(int Stable, int Canary)> CountAsync(string stable, string canary, Split expected)
    {
        await Eventually.MatchAsync(
            () => SampleAsync(stable, canary, 8),
            sample => expected switch
            {
                Split.AllStable => sample.Stable == 8,
                Split.AllCanary => sample.Canary == 8,
                _ => sample.Stable + sample.Canary == 8 && sample.Canary > 0 && sample.Stable > 0,
            },
            TimeSpan.FromSeconds(10),
            $"nginx to answer with the {expected} split",
            recheckInterval: TimeSpan.FromMilliseconds(50));

        return await SampleAsync(stable, canary, 100);
    }

    private enum Split
    {
        AllStable,
        Mixed,
        AllCanary,
    }

    private async Task<(int Stable, int Canary)> SampleAsync(string stable, string canary, int requests)
    {
        var (stableCount, canaryCount) = (0, 0);
        for (var i = 0; i < requests; i++)
        {
            var answer = await AppHttp.GetAsync(_nginx.Url);
            if (answer == stable)
            {
                stableCount++;
            }
            else if (answer == canary)
            {
                canaryCount++;
            }
        }

        return (stableCount, canaryCount);
    }
}
