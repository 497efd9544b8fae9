using Soakline.Demo.Kit.Hosts;
using Soakline.Integrations.Tests.Fixtures;

namespace Soakline.EndToEnd.Tests.Release;

/// <summary>
/// The app's SSH deploy target for the demo's hosts: every host is one of the private sshd's loopback addresses,
/// pinned to its host key, logged into with the fixture's client key, with its folder as the base of the spec's
/// relative release root. No local-shell host is configured, so every deploy, switch and rollback goes over SSH.
/// </summary>
internal sealed class SshHostAccess(SshServer server) : IHostAccess
{
    public string Description => $"SSH on port {server.Port}, host key {server.HostKeyFingerprint}";

    public IEnumerable<KeyValuePair<string, string>> Settings(LocalHosts hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        yield return KeyValuePair.Create("Soakline__Ssh__PrivateKey", server.ClientPrivateKey);
        foreach (var (name, address) in LocalHosts.All)
        {
            var prefix = $"Soakline__Ssh__Hosts__{name}__";
            yield return KeyValuePair.Create(prefix + "Address", address);
            yield return KeyValuePair.Create(prefix + "Port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return KeyValuePair.Create(prefix + "User", server.User);
            yield return KeyValuePair.Create(prefix + "HostKeySha256__0", server.HostKeyFingerprint);
            yield return KeyValuePair.Create(prefix + "BaseDirectory", hosts.FolderOf(name));
        }
    }
}
