namespace Soakline.Integrations.Deploy.Local;

/// <summary>One "host" on this machine: an application instance with its own folder and address.</summary>
public sealed class LocalHostSettings
{
    /// <summary>The address this instance answers on (health checks, nginx entries).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Folder that relative release roots are resolved under; the working directory when unset.</summary>
    public string? BaseDirectory { get; set; }
}
