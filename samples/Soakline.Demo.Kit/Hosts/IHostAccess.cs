namespace Soakline.Demo.Kit.Hosts;

/// <summary>
/// How the app reaches the demo's hosts: the deploy target's settings for every host of <see cref="LocalHosts"/>.
/// The demo uses a local shell; the end-to-end tests go through a real sshd to the same folders.
/// </summary>
public interface IHostAccess
{
    /// <summary>Shown in the demo's output, e.g. "local shell" or "SSH to 127.0.1.N:2222".</summary>
    string Description { get; }

    IEnumerable<KeyValuePair<string, string>> Settings(LocalHosts hosts);
}
