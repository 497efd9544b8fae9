namespace Soakline.Integrations.Deploy.Ssh;

/// <summary>A validated host entry: where to connect, as whom, and which host keys to accept.</summary>
internal sealed record SshEndpoint(string Name, string Address, int Port, string User, HostKeyPins Pins)
{
    public override string ToString() => $"{Name} ({User}@{Address}:{Port})";
}
