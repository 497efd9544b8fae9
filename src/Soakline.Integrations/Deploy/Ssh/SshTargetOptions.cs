namespace Soakline.Integrations.Deploy.Ssh;

/// <summary>Settings of the SSH deploy target (bound from configuration; the private key usually comes from Key Vault).</summary>
public sealed class SshTargetOptions
{
    /// <summary>Hosts by the names the pipeline spec uses.</summary>
    public IDictionary<string, SshHostSettings> Hosts { get; } = new Dictionary<string, SshHostSettings>(StringComparer.Ordinal);

    /// <summary>The private key's text (OpenSSH or PEM format). Never logged.</summary>
    public string PrivateKey { get; set; } = "";

    public string? PrivateKeyPassphrase { get; set; }

    /// <summary>TCP connect plus SSH handshake, per attempt.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connection attempts per host before it is reported as unreachable (refused, reset, timed out).</summary>
    public int ConnectAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubles each time, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a single remote command (e.g. a deploy hook) may run.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public int MaxParallelHosts { get; set; } = 8;
}
