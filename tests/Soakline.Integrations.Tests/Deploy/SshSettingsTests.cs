using Soakline.Integrations.Deploy.Ssh;
using Soakline.Integrations.Tests.Fixtures;

namespace Soakline.Integrations.Tests.Deploy;

/// <summary>Settings errors are caught before anything connects, and never echo key material.</summary>
[Collection(SshCollection.Name)]
public sealed class SshSettingsTests(SshDeployFixture fixture)
{
    [Fact]
    public void A_private_key_that_cannot_be_read_is_refused_without_quoting_it()
    {
        var options = new SshTargetOptions { PrivateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END OPENSSH PRIVATE KEY-----\n" };

        var error = Assert.Throws<ArgumentException>(() => new SshHostShellFactory(options));

        Assert.StartsWith("SshTargetOptions.PrivateKey:", error.Message);
        Assert.DoesNotContain("c2VjcmV0", error.Message);
    }

    [Theory]
    [InlineData("MD5:97:70:33:82:fd:29:3a:73:39:af:6a:07:ad:f8:80:49")]
    [InlineData("SHA256:tooShort")]
    [InlineData(null)]
    public void A_host_without_a_well_formed_pin_is_refused_naming_it(string? pin)
    {
        var options = new SshTargetOptions { PrivateKey = fixture.Server.ClientPrivateKey };
        var host = new SshHostSettings { Address = "127.0.0.1", User = "deploy" };
        if (pin is not null)
        {
            host.HostKeySha256.Add(pin);
        }

        options.Hosts["web-9"] = host;
        using var shells = new SshHostShellFactory(options);

        var error = Assert.Throws<ArgumentException>(() => shells.Describe("web-9"));

        Assert.StartsWith("Hosts[web-9].HostKeySha256:", error.Message);
        Assert.Contains("ssh-keyscan", error.Message);
    }

    [Fact]
    public void Pins_match_with_or_without_prefix_and_padding()
    {
        var pins = HostKeyPins.Parse(["SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og"], "pins");

        Assert.True(pins.Accepts("ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og"));
        Assert.True(pins.Accepts("ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og="));
        Assert.False(pins.Accepts("ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6OG"));
    }

    [Fact]
    public async Task A_key_the_server_does_not_authorize_fails_the_host_without_retrying()
    {
        using var hosts = fixture.NewHosts(1);
        using var keys = new TempDirectory("key");
        ChildProcess.Run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.Combine("stranger"));
        var (target, shells) = fixture.SshTarget(hosts, o => o.PrivateKey = File.ReadAllText(keys.Combine("stranger")));
        using var _ = shells;
        var release = await fixture.NewReleaseAsync();

        var result = Assert.Single((await target.DeployAsync(SshDeployFixture.Deploy(hosts, release), CancellationToken.None)).Hosts);

        Assert.False(result.Succeeded);
        Assert.Contains($"refused key authentication for '{fixture.Server.User}'", result.Error);
        Assert.DoesNotContain("attempt(s)", result.Error);
        Assert.Empty(hosts[0].ReleaseNames());
    }

    [Fact]
    public void A_missing_server_program_fails_with_the_install_command() =>
        Assert.Contains("apt-get install openssh-server",
            Assert.Throws<InvalidOperationException>(() => RequiredTool.Find("/nonexistent/sshd", "openssh-server")).Message);
}
