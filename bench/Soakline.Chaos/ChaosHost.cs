namespace Soakline.Chaos;

/// <summary>A host of the fleet: its spec name, its own loopback address, and the folder that plays its file system.</summary>
internal sealed record ChaosHost(string Name, string Address, string Folder)
{
    /// <summary>The append-only effect ledger this host keeps (written by the hooks and the command wrappers).</summary>
    public string LedgerFile => Path.Combine(Folder, "ledger.log");

    public string ReleaseRoot => Path.Combine(Folder, "app");

    /// <summary>The release the host's service runs: written by the restart hook, what the host answers for.</summary>
    public string RunningFile => Path.Combine(ReleaseRoot, "shared", "running");
}
