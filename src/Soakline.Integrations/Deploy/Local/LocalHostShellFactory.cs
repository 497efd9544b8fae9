using Soakline.Integrations.Deploy.Shell;

namespace Soakline.Integrations.Deploy.Local;

/// <summary>Sessions on this machine for the instances in <see cref="LocalTargetOptions.Hosts"/>.</summary>
public sealed class LocalHostShellFactory(LocalTargetOptions options) : IHostShellFactory
{
    public DeployHost Describe(string host)
    {
        if (host is null || !options.Hosts.TryGetValue(host, out var settings))
        {
            throw new ArgumentException($"Hosts: '{host}' is not configured for the local target (LocalTargetOptions.Hosts).", nameof(host));
        }

        var baseDirectory = settings.BaseDirectory is null ? null : RemotePath.Parse(settings.BaseDirectory, $"Hosts[{host}].BaseDirectory");
        return new DeployHost(host, settings.Address, baseDirectory);
    }

    public Task<IHostShell> OpenAsync(string host, CancellationToken cancellationToken)
    {
        Describe(host);
        return Task.FromResult<IHostShell>(new LocalHostShell(options.CommandTimeout));
    }
}
