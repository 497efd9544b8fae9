using Soakline.Integrations.Deploy.Ssh;
using Soakline.Integrations.Health;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Deploy;

[CollectionDefinition(Name)]
public sealed class SshCollection : ICollectionFixture<SshDeployFixture>
{
    public const string Name = "real sshd";
}

/// <summary>One sshd and one app repository for all SSH suites; every test takes fresh hosts from the pool.</summary>
public sealed class SshDeployFixture : IAsyncLifetime
{
    public const int AddressPool = 64;
    public const string SecretToken = "s3cr3t-token-0xC0FFEE";

    public SshServer Server { get; private set; } = null!;

    public AppRepository Repository { get; } = new();

    public int AppPort { get; private set; }

    public int PreviewPort { get; private set; }

    public HttpHealthProbe HealthProbe { get; } = new(new HttpClient());

    public async Task InitializeAsync()
    {
        Server = await SshServer.StartAsync(AddressPool);
        var addresses = Enumerable.Range(0, AddressPool).Select(Loopback.HostAddress).ToList();
        AppPort = Loopback.PortFreeOnAll(addresses);
        PreviewPort = Loopback.PortFreeOnAll(addresses);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Repository.Dispose();
    }

    public AppHosts NewHosts(int count) => new(count, AppPort, PreviewPort, AddressPool);

    public static ComponentTarget Component(IReadOnlyDictionary<string, string>? environment = null, int keep = 3) => new(
        "web", "app", [".env", "logs/"], "sh bin/deploy", "sh bin/restart",
        environment ?? new Dictionary<string, string> { ["API_TOKEN"] = SecretToken }, keep);

    public (SshDeployTarget Target, SshHostShellFactory Shells) SshTarget(
        AppHosts hosts, Action<SshTargetOptions>? adjust = null, CapturingLogger<SshDeployTarget>? logger = null)
    {
        var options = hosts.SshOptions(Server, adjust);
        var shells = new SshHostShellFactory(options);
        return (new SshDeployTarget(shells, options, HealthProbe, logger), shells);
    }

    /// <summary>A new commit of the app, its release id and its tarball.</summary>
    public async Task<Release> NewReleaseAsync(string branch = "main", IReadOnlyDictionary<string, string?>? changes = null)
    {
        var commit = Repository.Commit(branch, changes);
        return new Release(commit, AppRepository.NewReleaseId(commit), await Repository.TarballAsync(commit));
    }

    public static DeployRequest Deploy(AppHosts hosts, Release release, ComponentTarget? component = null, HealthCheckRequest? preSwitch = null, IReadOnlyList<string>? only = null) =>
        new(component ?? Component(), only ?? hosts.Names, release.Id, release.Commit, release.Tarball, preSwitch);
}

public sealed record Release(CommitRef Commit, ReleaseId Id, string Tarball);
