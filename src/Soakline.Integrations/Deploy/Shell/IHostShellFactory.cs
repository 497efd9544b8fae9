namespace Soakline.Integrations.Deploy.Shell;

/// <summary>Opens sessions on hosts by the names the pipeline spec uses (SSH, or this machine's /bin/sh).</summary>
public interface IHostShellFactory
{
    /// <summary>The host's settings; throws <see cref="ArgumentException"/> naming the host when it is not configured.</summary>
    DeployHost Describe(string host);

    Task<IHostShell> OpenAsync(string host, CancellationToken cancellationToken);
}
