using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>
/// A private OpenSSH server for one test run: its own host key, an authorized client key, a temp config, a free
/// port, listening on 127.0.0.1 and on the loopback host addresses 127.0.1.1..N (one per simulated host).
/// It runs as the current user with StrictModes off, so no system configuration is read or changed.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private const int DaemonAddresses = 15;
    private readonly TempDirectory _folder;
    private readonly List<(Process Process, StringBuilder Log)> _daemons;

    private SshServer(TempDirectory folder, List<(Process, StringBuilder)> daemons, int port, string clientKey, string hostKeyFingerprint, string otherFingerprint, int addressCount)
    {
        (_folder, _daemons, Port, ClientPrivateKey, HostKeyFingerprint, UnrelatedKeyFingerprint, AddressCount) =
            (folder, daemons, port, clientKey, hostKeyFingerprint, otherFingerprint, addressCount);
    }

    public int Port { get; }

    public string User { get; } = Environment.UserName;

    /// <summary>The client's private key text, as settings would carry it.</summary>
    public string ClientPrivateKey { get; }

    /// <summary>The server's host key fingerprint, <c>SHA256:...</c> as <c>ssh-keygen -lf</c> prints it.</summary>
    public string HostKeyFingerprint { get; }

    /// <summary>The fingerprint of a key this server does not have (pinning it must fail the host).</summary>
    public string UnrelatedKeyFingerprint { get; }

    public int AddressCount { get; }

    /// <param name="sessionEnvironment">
    /// Variables every session gets (sshd's <c>SetEnv</c>), e.g. this process's PATH so remote commands find the same
    /// tools (dotnet) a real host would have installed; sshd otherwise starts commands with its compiled-in PATH.
    /// </param>
    public static async Task<SshServer> StartAsync(int hostAddresses, IReadOnlyDictionary<string, string>? sessionEnvironment = null)
    {
        var sshd = RequiredTool.Find("/usr/sbin/sshd", "openssh-server");
        var keygen = RequiredTool.Find("/usr/bin/ssh-keygen", "openssh-client");
        var folder = new TempDirectory("sshd");
        ChildProcess.Run(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "soakline-host", "-f", folder.Combine("host_ed25519"));
        ChildProcess.Run(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "soakline-other", "-f", folder.Combine("other_ed25519"));
        ChildProcess.Run(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "soakline-client", "-f", folder.Combine("client_ed25519"));
        File.Copy(folder.Combine("client_ed25519.pub"), folder.Combine("authorized_keys"));

        // sshd refuses to start as root without its privilege separation directory (normally made by systemd).
        if (Environment.UserName == "root")
        {
            Directory.CreateDirectory("/run/sshd");
        }

        var port = Loopback.FreePort();

        // sshd binds at most 16 listen sockets, so the addresses are spread over several daemons that share the
        // port, the host key and everything else: to a client they are one server on many addresses.
        var addresses = new[] { "127.0.0.1" }.Concat(Enumerable.Range(0, hostAddresses).Select(Loopback.HostAddress)).ToList();
        var daemons = new List<(Process, StringBuilder)>();
        foreach (var (chunk, index) in addresses.Chunk(DaemonAddresses).Select((c, i) => (c, i)))
        {
            var configFile = folder.Combine($"sshd_config.{index}");
            File.WriteAllText(configFile, Config(folder, port, chunk, index, sessionEnvironment ?? new Dictionary<string, string>()));
            var daemon = ChildProcess.Start(sshd, "-D", "-e", "-f", configFile);
            daemons.Add(daemon);
            await Loopback.WaitForListenerAsync(chunk[0], port, TimeSpan.FromSeconds(10), () => $"sshd log: {daemon.Log}");
        }

        return new SshServer(folder, daemons, port, File.ReadAllText(folder.Combine("client_ed25519")),
            Fingerprint(keygen, folder.Combine("host_ed25519.pub")), Fingerprint(keygen, folder.Combine("other_ed25519.pub")), hostAddresses);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _daemons)
        {
            ChildProcess.Stop(process);
        }

        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Config(TempDirectory folder, int port, IEnumerable<string> addresses, int index, IReadOnlyDictionary<string, string> sessionEnvironment)
    {
        var config = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"Port {port}");
        foreach (var address in addresses)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"ListenAddress {address}");
        }

        return config.AppendLine(CultureInfo.InvariantCulture, $"HostKey {folder.Combine("host_ed25519")}")
            .AppendLine(CultureInfo.InvariantCulture, $"PidFile {folder.Combine($"sshd.{index}.pid")}")
            .AppendLine(CultureInfo.InvariantCulture, $"AuthorizedKeysFile {folder.Combine("authorized_keys")}")
            .AppendLine("StrictModes no")
            .AppendLine("UsePAM no")
            .AppendLine("PasswordAuthentication no")
            .AppendLine("KbdInteractiveAuthentication no")
            .AppendLine("PubkeyAuthentication yes")
            .AppendLine("PermitRootLogin prohibit-password")
            .AppendLine("MaxStartups 200")
            .AppendLine("MaxSessions 100")
            .AppendLine("Subsystem sftp internal-sftp")
            .AppendLine("LogLevel ERROR")

            // bash sources ~/.bashrc for commands run by sshd unless it thinks it is nested; a developer's
            // interactive setup there (pyenv, nvm) would otherwise add ~100 ms to every remote command.
            .AppendLine(CultureInfo.InvariantCulture, $"SetEnv SHLVL=1{string.Concat(sessionEnvironment.Select(v => $" \"{v.Key}={v.Value}\""))}")
            .ToString();
    }

    private static string Fingerprint(string keygen, string publicKey) =>
        ChildProcess.Run(keygen, "-lf", publicKey).Split(' ')[1];
}
