namespace Soakline.Demo.Kit.Hosts;

/// <summary>The local-shell deploy target: each host's commands run through /bin/sh in its folder on this machine.</summary>
public sealed class LocalShellAccess : IHostAccess
{
    public string Description => "local shell";

    public IEnumerable<KeyValuePair<string, string>> Settings(LocalHosts hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        return LocalHosts.All.SelectMany(host => new[]
        {
            KeyValuePair.Create($"Soakline__Local__Hosts__{host.Name}__Address", host.Address),
            KeyValuePair.Create($"Soakline__Local__Hosts__{host.Name}__BaseDirectory", hosts.FolderOf(host.Name)),
        });
    }
}
