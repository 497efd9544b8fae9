using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Soakline.Demo.Kit.Scenario;
using Soakline.EndToEnd.Tests.Infrastructure;
using Soakline.Integrations.Deploy.Artifacts;
using Soakline.Integrations.Deploy.Local;
using Soakline.Integrations.Health;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.EndToEnd.Tests.Deploy;

/// <summary>
/// The demo's deploy path for real: <c>git archive</c> of the demo repository, the local deploy target with the
/// spec's own deploy hook (builds the sample) and restart command (starts it with nohup), two hosts on this machine,
/// each checked over HTTP; then a second release, the switch, and a rollback.
/// </summary>
public sealed class LocalDeploySampleAppTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Hosts = ["web-1", "web-2"];

    private readonly TempDirectory _folder = new("local-deploy");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly LocalTargetOptions _options = new() { CommandTimeout = TimeSpan.FromMinutes(2) };
    private readonly Dictionary<string, Uri> _hostUrls = new(StringComparer.Ordinal);
    private static readonly RepositoryRef Repository = RepositoryRef.Parse(DemoRepository.FullName);
    private DemoRepository _repository = null!;
    private string _initialCommit = null!;
    private ComponentTarget _target = null!;

    public async Task InitializeAsync()
    {
        _repository = await DemoRepository.CreateAsync(BuildLocations.SamplesFolder, _folder.Combine("repo"));
        _initialCommit = await _repository.HeadAsync("main");
        var component = (await PipelineSpecLoader.LoadFileAsync(Path.Combine(_repository.Path, PipelineSpecLoader.FileName))).GetSpecOrThrow().Components.Single();

        // The spec's commands, shared paths and variables as they are. Two changes for a test machine: a release
        // root relative to each host's folder (two "hosts" share this machine) and a build cache in the temp folder.
        var spec = ComponentTargets.For(component);
        var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal) { ["SAMPLE_BUILD_CACHE"] = _folder.Combine("build-cache") };
        _target = spec with { ReleaseRoot = "app", Environment = environment };

        foreach (var host in Hosts)
        {
            // Each host is set up once, as on a real server: its shared .env says where the app listens.
            var url = new Uri($"http://127.0.0.1:{Loopback.FreePort()}/");
            var shared = Directory.CreateDirectory(_folder.Combine("hosts", host, "app", "shared")).FullName;
            await File.WriteAllTextAsync(Path.Combine(shared, ".env"), $"SAMPLE_URLS={url.ToString().TrimEnd('/')}\n");
            _options.Hosts[host] = new LocalHostSettings { Address = "127.0.0.1", BaseDirectory = _folder.Combine("hosts", host) };
            _hostUrls[host] = url;
        }
    }

    [Fact]
    public async Task Two_releases_deploy_switch_and_roll_back_on_two_local_hosts()
    {
        var deployTarget = new LocalDeployTarget(_options, new HttpHealthProbe(_http));

        var first = ReleaseId.Create(DateTimeOffset.UtcNow.AddMinutes(-1), _initialCommit);
        var firstResult = await deployTarget.DeployAsync(await RequestAsync(first, _initialCommit), CancellationToken.None);
        AssertSucceeded(firstResult);
        foreach (var host in Hosts)
        {
            await AssertServesAsync(host, first, "1.0.0", _initialCommit);
        }

        var firstPids = Hosts.ToDictionary(h => h, RunningPid);

        var secondCommit = await _repository.CommitAsync("Sample app 1.1.0", new Dictionary<string, string> { ["VERSION"] = "1.1.0\n" });
        var second = ReleaseId.Create(DateTimeOffset.UtcNow, secondCommit);
        var secondResult = await deployTarget.DeployAsync(await RequestAsync(second, secondCommit), CancellationToken.None);
        AssertSucceeded(secondResult);
        foreach (var hostResult in secondResult.Hosts)
        {
            Assert.Equal(second, hostResult.ActiveRelease);
            Assert.Equal(first, hostResult.PreviousRelease);
        }

        foreach (var host in Hosts)
        {
            await AssertServesAsync(host, second, "1.1.0", secondCommit);
            Assert.False(IsAlive(firstPids[host]), $"{host}: the first release's process {firstPids[host]} still runs after the switch");
        }

        var rollback = await deployTarget.RollbackAsync(new RollbackRequest(_target, Hosts, null, "test: back to 1.0.0"), CancellationToken.None);
        AssertSucceeded(rollback);
        foreach (var host in Hosts)
        {
            await AssertServesAsync(host, first, "1.0.0", _initialCommit);
        }

        var kept = await deployTarget.GetReleasesAsync(_target, Hosts, CancellationToken.None);
        Assert.All(kept, h => Assert.Equal([first.Value, second.Value], h.Available.Select(r => r.Value).Order(StringComparer.Ordinal)));
        Assert.All(kept, h => Assert.Equal(first, h.Current));
        // Two hosts, one build per commit: the second host copied the first one's output from the cache.
        Assert.Equal(new[] { _initialCommit, secondCommit }.Order(), Directory.GetDirectories(_folder.Combine("build-cache")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_release_that_cannot_start_fails_its_restart_with_the_apps_own_reason()
    {
        var deployTarget = new LocalDeployTarget(_options, new HttpHealthProbe(_http));
        var environment = new Dictionary<string, string>(_target.Environment, StringComparer.Ordinal) { ["SAMPLE_WORK_ERROR_RATE"] = "7" };
        _target = _target with { Environment = environment };
        var release = ReleaseId.Create(DateTimeOffset.UtcNow, _initialCommit);

        var result = await deployTarget.DeployAsync(await RequestAsync(release, _initialCommit), CancellationToken.None);

        Assert.All(result.Hosts, host =>
        {
            Assert.False(host.Succeeded);
            Assert.Equal(release, host.ActiveRelease); // switched, then the restart failed: the orchestrator decides
            Assert.Contains("SAMPLE_WORK_ERROR_RATE: '7' is not a number from 0 to 1", host.Error, StringComparison.Ordinal);
        });
    }

    private async Task<DeployRequest> RequestAsync(ReleaseId release, string commitSha)
    {
        var commit = new CommitRef(Repository, commitSha, "main");
        var artifacts = new LocalGitArtifactOptions();
        artifacts.Repositories[DemoRepository.FullName] = _repository.Path;
        var artifact = await new GitArchiveArtifactSource(artifacts).WriteTarballAsync(commit, _folder.Combine($"{release.Value}.tar.gz"), CancellationToken.None);
        return new DeployRequest(_target, Hosts, release, commit, artifact.Path);
    }

    private async Task AssertServesAsync(string host, ReleaseId release, string version, string commit)
    {
        var health = await _http.GetFromJsonAsync<JsonElement>(new Uri(_hostUrls[host], "health"));
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(release.Value, health.GetProperty("release").GetString());

        var work = await _http.GetFromJsonAsync<JsonElement>(new Uri(_hostUrls[host], "api/work"));
        Assert.Equal(version, work.GetProperty("version").GetString());

        var page = await _http.GetStringAsync(_hostUrls[host]);
        Assert.Contains($"<dd id=\"commit\">{commit}</dd>", page, StringComparison.Ordinal);
    }

    private static void AssertSucceeded(DeployResult result) =>
        Assert.True(result.AllSucceeded, string.Join('\n', result.Hosts.Where(h => !h.Succeeded).Select(h => $"{h.Host}: {h.Error}")));

    private int RunningPid(string host) =>
        int.Parse(File.ReadAllText(_folder.Combine("hosts", host, "app", "shared", "sample.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public Task DisposeAsync()
    {
        // The apps were started detached (nohup) by the restart command: stop them by their pid files.
        foreach (var host in Hosts)
        {
            var pidFile = _folder.Combine("hosts", host, "app", "shared", "sample.pid");
            if (File.Exists(pidFile) && IsAlive(RunningPid(host)))
            {
                using var process = Process.GetProcessById(RunningPid(host));
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Called by xunit after <see cref="DisposeAsync"/>, once the apps no longer hold files in the folder.</summary>
    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }
}
