using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Deploy;

/// <summary>
/// Hostile values through every field that reaches a host. Values either arrive as inert data (branch, environment)
/// or are refused before any host is contacted, with an error naming the field; in both cases no canary file
/// that an injected command would create ever appears.
/// </summary>
[Collection(SshCollection.Name)]
public sealed class InjectionTests(SshDeployFixture fixture) : IDisposable
{
    private readonly TempDirectory _canary = new("pwned");

    private string Pwned => _canary.Combine("pwned");

    [Fact]
    public async Task A_branch_full_of_shell_syntax_reaches_the_hook_verbatim_and_runs_nothing()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var branch = $"feature/x'; touch {Pwned}; echo '$(touch {Pwned})`touch {Pwned}`\"\n$HOME";
        var release = await fixture.NewReleaseAsync(branch: branch);
        var secret = $"p4ss'\"$(touch {Pwned})\\n";
        var component = SshDeployFixture.Component(new Dictionary<string, string> { ["API_TOKEN"] = secret });

        var result = await target.DeployAsync(SshDeployFixture.Deploy(hosts, release, component), CancellationToken.None);

        Assert.True(result.AllSucceeded, SshDeployTargetTests.Describe(result));
        var directory = hosts[0].ReleaseDirectory(release.Id.Value);
        Assert.Equal(branch, File.ReadAllText(Path.Combine(directory, "branch.txt")));
        Assert.Equal(secret, File.ReadAllText(Path.Combine(directory, "token.txt")));
        Assert.False(File.Exists(Pwned), "an injected command ran");
    }

    public static TheoryData<string, ComponentTarget> HostileComponents()
    {
        var good = SshDeployFixture.Component();
        return new TheoryData<string, ComponentTarget>
        {
            { "Component", good with { Component = "web$(touch PWNED)" } },
            { "Component", good with { Component = "-rf" } },
            { "ReleaseRoot", good with { ReleaseRoot = "app; touch PWNED" } },
            { "ReleaseRoot", good with { ReleaseRoot = "/srv/../etc" } },
            { "ReleaseRoot", good with { ReleaseRoot = "-app" } },
            { "SharedPaths[1]", good with { SharedPaths = [".env", "../../etc/passwd"] } },
            { "SharedPaths[0]", good with { SharedPaths = ["logs`touch PWNED`"] } },
            { "SharedPaths[0]", good with { SharedPaths = ["/etc/shadow"] } },
            { "Environment", good with { Environment = new Dictionary<string, string> { ["X;touch PWNED"] = "1" } } },
            { "Environment", good with { Environment = new Dictionary<string, string> { ["SOAKLINE_RELEASE"] = "x" } } },
            { "KeepReleases", good with { KeepReleases = 0 } },
            { "DeployCommand", good with { DeployCommand = " " } },
        };
    }

    [Theory]
    [MemberData(nameof(HostileComponents))]
    public async Task A_hostile_or_malformed_component_is_refused_naming_the_field_and_nothing_changes(string field, ComponentTarget component)
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var release = await fixture.NewReleaseAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            target.DeployAsync(SshDeployFixture.Deploy(hosts, release, component), CancellationToken.None));

        Assert.StartsWith(field + ":", error.Message);
        Assert.False(Directory.Exists(hosts[0].ReleaseRoot + "/releases"), "a host was touched");
    }

    [Fact]
    public async Task An_unknown_host_is_refused_before_any_host_is_touched()
    {
        using var hosts = fixture.NewHosts(1);
        var (target, shells) = fixture.SshTarget(hosts);
        using var _ = shells;
        var release = await fixture.NewReleaseAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            target.DeployAsync(SshDeployFixture.Deploy(hosts, release, only: [hosts[0].Name, "web-1; reboot"]), CancellationToken.None));

        Assert.Contains("'web-1; reboot' has no SSH settings", error.Message);
        Assert.False(Directory.Exists(hosts[0].ReleaseRoot + "/releases"));
    }

    public void Dispose() => _canary.Dispose();
}
