namespace Soakline.Integrations.Deploy.Ssh;

/// <summary>How to reach one host named in the spec, and which host key it must present.</summary>
public sealed class SshHostSettings
{
    /// <summary>Name or IP the SSH connection goes to; also the address health checks and nginx entries use.</summary>
    public string Address { get; set; } = "";

    public int Port { get; set; } = 22;

    public string User { get; set; } = "";

    /// <summary>
    /// Accepted host keys as SHA256 fingerprints (<c>SHA256:base64</c>, as <c>ssh-keygen -lf</c> prints them). Any one
    /// must match; list several while a host's key is being rotated.
    /// </summary>
    public IList<string> HostKeySha256 { get; } = [];

    /// <summary>Folder that relative release roots are resolved under (several instances on one machine).</summary>
    public string? BaseDirectory { get; set; }
}
