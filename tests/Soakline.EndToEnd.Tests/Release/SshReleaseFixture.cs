using Soakline.Demo.Kit.Hosts;
using Soakline.Demo.Kit.Scenario;
using Soakline.EndToEnd.Tests.Infrastructure;
using Soakline.Integrations.Tests.Fixtures;
using Xunit.Abstractions;

namespace Soakline.EndToEnd.Tests.Release;

[CollectionDefinition(Name)]
public sealed class SshReleaseCollection : ICollectionFixture<SshReleaseFixture>
{
    public const string Name = "releases over a real sshd";
}

/// <summary>
/// One private sshd for the release tests, listening on the demo hosts' loopback addresses (127.0.1.1 to 127.0.1.3).
/// Its sessions get this process's PATH, so the deploy hooks find dotnet where a real host would have it installed.
/// </summary>
public sealed class SshReleaseFixture : IAsyncLifetime
{
    internal SshServer Server { get; private set; } = null!;

    /// <summary>
    /// The soak of every canary stage in the release tests, instead of the demo's 15 s (which is there to be watched).
    /// At the demo's 3 s analysis interval it still runs three analyses per stage (at 3, 6 and 9 s): two consecutive
    /// failures can still end a stage before it is promoted, and the bad release, failing 6 s after it starts, still
    /// breaches at the second and third analysis of its first stage, as it does with the demo's soak. It leaves the
    /// crash test more than its <c>MinimumSoakLeft</c> (6 s) to kill in.
    /// </summary>
    internal static readonly TimeSpan StageSoak = TimeSpan.FromSeconds(9);

    private static readonly DemoPaths Paths = new(BuildLocations.SamplesFolder, BuildLocations.AppAssembly);

    /// <summary>A fresh demo rig whose hosts are reached over this sshd, with the demo's spec soaking <see cref="StageSoak"/>
    /// per canary stage; its progress goes to the test output and to <c>test-output/&lt;logName&gt;</c>.</summary>
    internal Task<DemoRig> StartRigAsync(string logName, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var log = Path.Combine(BuildLocations.OutputFolder, logName);
        File.Delete(log);
        return DemoRig.StartAsync(Paths, new SshHostAccess(Server), new TestOutputWriter(output, log), cancellationToken, soak: StageSoak);
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(BuildLocations.AppAssembly), $"The app is not built at {BuildLocations.AppAssembly}: build Functions.sln first (./run test does).");
        var session = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" };
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot)
        {
            session["DOTNET_ROOT"] = dotnetRoot;
        }

        Server = await SshServer.StartAsync(LocalHosts.All.Count, session);
        Assert.Equal(LocalHosts.All.Select(h => h.Address), Enumerable.Range(0, LocalHosts.All.Count).Select(Loopback.HostAddress));
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
