using System.Text;
using Renci.SshNet;
using Soakline.Integrations.Deploy.Shell;

namespace Soakline.Integrations.Deploy.Ssh;

/// <summary>Opens SSH sessions on the hosts in <see cref="SshTargetOptions.Hosts"/> with the configured key.</summary>
public sealed class SshHostShellFactory : IHostShellFactory, IDisposable
{
    private readonly SshTargetOptions _options;
    private readonly PrivateKeyFile _privateKey;

    public SshHostShellFactory(SshTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _privateKey = ReadPrivateKey(options);
    }

    public DeployHost Describe(string host) => DescribeEndpoint(host).Host;

    public async Task<IHostShell> OpenAsync(string host, CancellationToken cancellationToken)
    {
        var (endpoint, _) = DescribeEndpoint(host);
        var connector = new SshConnector(endpoint, _privateKey, _options);
        var client = await connector.ConnectShellAsync(cancellationToken);
        return new SshHostShell(client, connector, endpoint, _options.CommandTimeout);
    }

    public void Dispose() => _privateKey.Dispose();

    private (SshEndpoint Endpoint, DeployHost Host) DescribeEndpoint(string host)
    {
        if (host is null || !_options.Hosts.TryGetValue(host, out var settings))
        {
            throw new ArgumentException($"Hosts: '{host}' has no SSH settings (SshTargetOptions.Hosts).", nameof(host));
        }

        var field = $"Hosts[{host}]";
        if (string.IsNullOrWhiteSpace(settings.Address) || settings.Address.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"{field}.Address: '{settings.Address}' is not a host name or address.", nameof(host));
        }

        if (string.IsNullOrWhiteSpace(settings.User))
        {
            throw new ArgumentException($"{field}.User: a login name is required.", nameof(host));
        }

        if (settings.Port is < 1 or > 65535)
        {
            throw new ArgumentException($"{field}.Port: {settings.Port} is not a TCP port.", nameof(host));
        }

        var pins = HostKeyPins.Parse(settings.HostKeySha256, $"{field}.HostKeySha256");
        var baseDirectory = settings.BaseDirectory is null ? null : RemotePath.Parse(settings.BaseDirectory, $"{field}.BaseDirectory");
        return (new SshEndpoint(host, settings.Address, settings.Port, settings.User, pins), new DeployHost(host, settings.Address, baseDirectory));
    }

    private static PrivateKeyFile ReadPrivateKey(SshTargetOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PrivateKey))
        {
            throw new ArgumentException("SshTargetOptions.PrivateKey: no private key is configured.", nameof(options));
        }

        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(options.PrivateKey));
            return new PrivateKeyFile(stream, options.PrivateKeyPassphrase);
        }
        catch (Exception failure) when (failure is Renci.SshNet.Common.SshException or ArgumentException or FormatException or InvalidOperationException)
        {
            // The library's message could quote parts of the key; only the exception type is reported.
            throw new ArgumentException(
                $"SshTargetOptions.PrivateKey: the key could not be read ({failure.GetType().Name}); expected an OpenSSH or PEM private key.",
                nameof(options));
        }
    }
}
