using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Deploy;

/// <summary>The SSH deploy target against a real sshd on loopback; every switch is observed over HTTP.</summary>
[Collection(SshCollection.Name)]
public sealed class SshDeployTargetTests(SshDeployFixture fixture)
{
    [Fact]
    public async Task Deploy_builds_the_release_links_shared_files_runs_the_hook_and_serves_it()
    {
        using var hosts = fixture.NewHosts(2);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var release = await fixture.NewReleaseAsync(branch: "release/2026.11");

        var result = await target.DeployAsync(SshDeployFixture.Deploy(hosts, release), CancellationToken.None);

        Assert.True(result.AllSucceeded, Describe(result));
        Assert.Equal("web", result.Component);
        foreach (var (host, hostResult) in hosts.Hosts.Zip(result.Hosts))
        {
            Assert.Equal(host.Name, hostResult.Host);
            Assert.Equal(release.Id, hostResult.ActiveRelease);
            Assert.Null(hostResult.PreviousRelease);
            Assert.True(hostResult.Duration > TimeSpan.Zero);
            var directory = host.ReleaseDirectory(release.Id.Value);
            Assert.Equal($"releases/{release.Id}", host.CurrentTarget);
            Assert.Equal(release.Commit.Sha + "\n", File.ReadAllText(Path.Combine(directory, "REVISION")));
            Assert.Equal(Path.Combine(host.SharedDirectory, ".env"), new FileInfo(Path.Combine(directory, ".env")).LinkTarget);
            Assert.Equal(Path.Combine(host.SharedDirectory, "logs"), new DirectoryInfo(Path.Combine(directory, "logs")).LinkTarget);
            Assert.Equal("release/2026.11", File.ReadAllText(Path.Combine(directory, "branch.txt")));
            Assert.Equal(SshDeployFixture.SecretToken, File.ReadAllText(Path.Combine(directory, "token.txt")));
            Assert.True(File.Exists(Path.Combine(directory, "app.py")), "the tarball's top-level folder is stripped");
            Assert.False(Directory.Exists(Path.Combine(host.ReleaseRoot, ".incoming", release.Id.Value + ".tar.gz")));
            Assert.Equal(release.Id.Value, await AppHttp.WaitForReleaseAsync(host.Address, hosts.AppPort, release.Id.Value));
        }

        var listed = await target.GetReleasesAsync(SshDeployFixture.Component(), hosts.Names, CancellationToken.None);
        Assert.All(listed, h => Assert.Equal(release.Id, h.Current));
    }

    [Fact]
    public async Task Redeploy_switches_to_the_new_release_and_reports_the_previous_one()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var first = await fixture.NewReleaseAsync();
        var second = await fixture.NewReleaseAsync();

        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, first), CancellationToken.None)).AllSucceeded);
        var result = await target.DeployAsync(SshDeployFixture.Deploy(hosts, second), CancellationToken.None);

        var host = Assert.Single(result.Hosts);
        Assert.True(host.Succeeded, host.Error);
        Assert.Equal(second.Id, host.ActiveRelease);
        Assert.Equal(first.Id, host.PreviousRelease);
        Assert.Equal(second.Id.Value, await AppHttp.WaitForReleaseAsync(hosts[0].Address, hosts.AppPort, second.Id.Value));

        // Deploying the active release again (an activity retried) changes nothing and succeeds.
        var repeated = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, second), CancellationToken.None)).Hosts);
        Assert.True(repeated.Succeeded, repeated.Error);
        Assert.Equal(second.Id, repeated.ActiveRelease);
        Assert.Equal([first.Id.Value, second.Id.Value], hosts[0].ReleaseNames());
    }

    [Fact]
    public async Task Keep_n_removes_the_oldest_releases_but_never_the_active_one()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var releases = new List<Release>();
        for (var i = 0; i < 4; i++)
        {
            var release = await fixture.NewReleaseAsync();
            releases.Add(release);
            var result = await target.DeployAsync(SshDeployFixture.Deploy(hosts, release, SshDeployFixture.Component(keep: 2)), CancellationToken.None);
            Assert.True(result.AllSucceeded, Describe(result));
        }

        Assert.Equal([releases[2].Id.Value, releases[3].Id.Value], hosts[0].ReleaseNames());
        Assert.Equal($"releases/{releases[3].Id}", hosts[0].CurrentTarget);
    }

    [Fact]
    public async Task Rollback_goes_to_the_previous_release_or_to_a_named_one()
    {
        using var hosts = fixture.NewHosts(2);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var releases = new List<Release>();
        for (var i = 0; i < 3; i++)
        {
            releases.Add(await fixture.NewReleaseAsync());
            Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, releases[^1]), CancellationToken.None)).AllSucceeded);
        }

        var toPrevious = await target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, null, "error rate 7 %"), CancellationToken.None);

        Assert.True(toPrevious.AllSucceeded, Describe(toPrevious));
        Assert.All(toPrevious.Hosts, h => Assert.Equal((releases[1].Id, releases[2].Id), (h.ActiveRelease!, h.PreviousRelease!)));
        foreach (var host in hosts.Hosts)
        {
            Assert.Equal(releases[1].Id.Value, await AppHttp.WaitForReleaseAsync(host.Address, hosts.AppPort, releases[1].Id.Value));
        }

        var toNamed = await target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, releases[0].Id, "emergency"), CancellationToken.None);

        Assert.True(toNamed.AllSucceeded, Describe(toNamed));
        foreach (var host in hosts.Hosts)
        {
            Assert.Equal(releases[0].Id.Value, await AppHttp.WaitForReleaseAsync(host.Address, hosts.AppPort, releases[0].Id.Value));
        }

        // Nothing older than the oldest release: a clear per-host failure, and the host keeps serving.
        var nothingLeft = await target.RollbackAsync(new RollbackRequest(SshDeployFixture.Component(), hosts.Names, null, "again"), CancellationToken.None);
        Assert.All(nothingLeft.Hosts, h => Assert.Contains("no release older than", h.Error));
        Assert.Equal(releases[0].Id.Value, await AppHttp.GetAsync(new Uri($"http://{hosts[0].Address}:{hosts.AppPort}/")));
    }

    [Fact]
    public async Task Rollback_to_a_release_that_is_not_on_the_host_fails_that_host_and_changes_nothing()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var deployed = await fixture.NewReleaseAsync();
        var unknown = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, deployed), CancellationToken.None)).AllSucceeded);

        var result = Assert.Single((await target.RollbackAsync(
            new RollbackRequest(SshDeployFixture.Component(), hosts.Names, unknown.Id, "typo"), CancellationToken.None)).Hosts);

        Assert.False(result.Succeeded);
        Assert.Contains($"release {unknown.Id} is not on this host", result.Error);
        Assert.Equal($"releases/{deployed.Id}", hosts[0].CurrentTarget);
    }

    [Fact]
    public async Task A_failing_deploy_hook_leaves_the_host_on_its_previous_release_and_never_reveals_the_secret()
    {
        using var hosts = fixture.NewHosts(1);
        var logger = new CapturingLogger<Soakline.Integrations.Deploy.Ssh.SshDeployTarget>();
        var (target, shells) = fixture.SshTarget(hosts, logger: logger);
        using var _ = shells;
        var good = await fixture.NewReleaseAsync();
        var bad = await fixture.NewReleaseAsync(changes: new Dictionary<string, string?> { [TinyApp.FailDeployMarker] = "1" });
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, good), CancellationToken.None)).AllSucceeded);

        var result = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, bad), CancellationToken.None)).Hosts);

        Assert.False(result.Succeeded);
        Assert.Equal(good.Id, result.ActiveRelease);
        Assert.Contains("deploy hook failed (exit 3)", result.Error);
        Assert.Contains("migration failed; token was ***", result.Error);
        Assert.DoesNotContain(SshDeployFixture.SecretToken, result.Error);
        Assert.Equal($"releases/{good.Id}", hosts[0].CurrentTarget);
        Assert.Equal([good.Id.Value], hosts[0].ReleaseNames());
        Assert.Equal(good.Id.Value, await AppHttp.GetAsync(new Uri($"http://{hosts[0].Address}:{hosts.AppPort}/")));

        // Every step is logged (Debug) and the failure too (Error), and no log line carries the secret.
        Assert.Contains(logger.Messages, m => m.StartsWith("Debug:", StringComparison.Ordinal) && m.Contains("deploy hook exited 3"));
        Assert.Contains(logger.Messages, m => m.StartsWith("Error:", StringComparison.Ordinal) && m.Contains("token was ***"));
        Assert.DoesNotContain(logger.Messages, m => m.Contains(SshDeployFixture.SecretToken));
    }

    [Fact]
    public async Task An_unhealthy_new_release_is_not_switched_to()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var good = await fixture.NewReleaseAsync();
        var unhealthy = await fixture.NewReleaseAsync(changes: new Dictionary<string, string?> { [TinyApp.UnhealthyMarker] = "1" });
        var component = SshDeployFixture.Component(new Dictionary<string, string> { ["API_TOKEN"] = SshDeployFixture.SecretToken, ["START_PREVIEW"] = "1" });

        // The hook starts the new release on the preview port; the check goes to each host's own address.
        var preSwitch = new HealthCheckRequest(new Uri($"http://localhost:{fixture.PreviewPort}/health"), Attempts: 5, Delay: TimeSpan.FromMilliseconds(100));
        var first = await target.DeployAsync(SshDeployFixture.Deploy(hosts, good, component, preSwitch), CancellationToken.None);
        Assert.True(first.AllSucceeded, Describe(first));

        var result = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, unhealthy, component, preSwitch), CancellationToken.None)).Hosts);

        Assert.False(result.Succeeded);
        Assert.Contains($"pre-switch health check of http://{hosts[0].Address}:{fixture.PreviewPort}/health failed", result.Error);
        Assert.Contains("500", result.Error);
        Assert.Equal(good.Id, result.ActiveRelease);
        Assert.Equal($"releases/{good.Id}", hosts[0].CurrentTarget);
        Assert.Equal(good.Id.Value, await AppHttp.GetAsync(new Uri($"http://{hosts[0].Address}:{hosts.AppPort}/")));
    }

    [Fact]
    public async Task An_unreachable_host_fails_alone_after_its_retries()
    {
        using var hosts = fixture.NewHosts(1);
        var closedPort = Loopback.FreePort();
        var (target, shells) = fixture.SshTarget(hosts, o =>
            o.Hosts["down-1"] = AppHosts.SshHost(fixture.Server, "127.0.0.1", hosts[0].BaseDirectory + "-down", port: closedPort));
        using var _ = shells;
        var release = await fixture.NewReleaseAsync();

        var result = await target.DeployAsync(SshDeployFixture.Deploy(hosts, release, only: [hosts[0].Name, "down-1"]), CancellationToken.None);

        Assert.True(result.Hosts[0].Succeeded, result.Hosts[0].Error);
        Assert.False(result.Hosts[1].Succeeded);
        Assert.Equal("down-1", result.Hosts[1].Host);
        Assert.Contains($"could not connect to down-1 ({fixture.Server.User}@127.0.0.1:{closedPort}) after 2 attempt(s)", result.Hosts[1].Error);
    }

    [Fact]
    public async Task A_host_that_accepts_but_never_speaks_ssh_times_out_per_attempt()
    {
        using var hosts = fixture.NewHosts(1);
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var (target, shells) = fixture.SshTarget(hosts, o =>
        {
            o.ConnectTimeout = TimeSpan.FromMilliseconds(300);
            o.Hosts["silent-1"] = AppHosts.SshHost(fixture.Server, "127.0.0.1", hosts[0].BaseDirectory + "-silent", port: port);
        });
        using var _ = shells;
        var release = await fixture.NewReleaseAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, release, only: ["silent-1"]), CancellationToken.None)).Hosts);

        Assert.False(result.Succeeded);
        Assert.Contains("could not connect to silent-1", result.Error);
        Assert.Contains("after 2 attempt(s)", result.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the connect timeout was not applied ({clock.Elapsed})");
    }

    [Fact]
    public async Task A_host_presenting_an_unpinned_key_fails_with_both_fingerprints_and_is_not_touched()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts, o =>
        {
            o.Hosts[hosts[0].Name].HostKeySha256.Clear();
            o.Hosts[hosts[0].Name].HostKeySha256.Add(fixture.Server.UnrelatedKeyFingerprint);
        });
        using var _ = shells;
        var release = await fixture.NewReleaseAsync();

        var result = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, release), CancellationToken.None)).Hosts);

        Assert.False(result.Succeeded);
        Assert.Contains("host key of web-", result.Error);
        Assert.Contains(fixture.Server.HostKeyFingerprint, result.Error);
        Assert.Contains(fixture.Server.UnrelatedKeyFingerprint, result.Error);
        Assert.Empty(hosts[0].ReleaseNames());
    }

    [Fact]
    public async Task Concurrent_deploys_to_different_hosts_do_not_interfere()
    {
        using var hosts = fixture.NewHosts(4);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var left = await fixture.NewReleaseAsync();
        var right = await fixture.NewReleaseAsync();

        var results = await Task.WhenAll(
            target.DeployAsync(SshDeployFixture.Deploy(hosts, left, only: [hosts[0].Name, hosts[1].Name]), CancellationToken.None),
            target.DeployAsync(SshDeployFixture.Deploy(hosts, right, only: [hosts[2].Name, hosts[3].Name]), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.AllSucceeded, Describe(r)));
        for (var i = 0; i < 4; i++)
        {
            var expected = i < 2 ? left.Id.Value : right.Id.Value;
            Assert.Equal(expected, await AppHttp.WaitForReleaseAsync(hosts[i].Address, hosts.AppPort, expected));
        }
    }

    [Fact]
    public async Task Staging_without_activation_builds_the_release_but_leaves_current_alone()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var stable = await fixture.NewReleaseAsync();
        var staged = await fixture.NewReleaseAsync();
        Assert.True((await target.DeployAsync(SshDeployFixture.Deploy(hosts, stable), CancellationToken.None)).AllSucceeded);

        var result = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, staged) with { Activate = false }, CancellationToken.None)).Hosts);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(stable.Id, result.ActiveRelease);
        Assert.Equal($"releases/{stable.Id}", hosts[0].CurrentTarget);
        Assert.Equal([stable.Id.Value, staged.Id.Value], hosts[0].ReleaseNames());
        Assert.True(File.Exists(Path.Combine(hosts[0].ReleaseDirectory(staged.Id.Value), "hook-release.txt")), "the hook ran for the staged release");
    }

    internal static string Describe(DeployResult result) =>
        string.Join("; ", result.Hosts.Select(h => $"{h.Host}: {(h.Succeeded ? "ok" : h.Error)}"));
}
