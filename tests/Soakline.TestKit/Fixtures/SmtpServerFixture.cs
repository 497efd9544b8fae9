using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using Soakline.TestKit.Waiting;

namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd with a small handler that writes each message to a folder as
/// <c>.eml</c>. Uses /usr/bin/python3 explicitly: a pyenv python on PATH does not see Debian's python3-aiosmtpd.
/// </summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";
    private const string InstallHint = "aiosmtpd not found: apt-get install python3-aiosmtpd (./run test installs it)";

    private const string HandlerSource = """
        import os, uuid

        class SaveToFolder:
            def __init__(self, folder):
                self.folder = folder

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(*args)

            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(self.folder, uuid.uuid4().hex)
                with open(name + ".tmp", "wb") as f:
                    f.write(envelope.original_content or envelope.content)
                os.rename(name + ".tmp", name + ".eml")
                return "250 Message accepted for delivery"
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "soakline-smtp-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; private set; }

    public string MailFolder => Path.Combine(_root, "mail");

    public async Task InitializeAsync()
    {
        EnsureAiosmtpdInstalled();
        Directory.CreateDirectory(MailFolder);
        await File.WriteAllTextAsync(Path.Combine(_root, "soakline_smtp_sink.py"), HandlerSource);
        Port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "soakline_smtp_sink.SaveToFolder", MailFolder },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = _root;
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        await WaitUntilListeningAsync();
    }

    /// <summary>Waits for at least <paramref name="count"/> messages to arrive and parses every message received.</summary>
    /// <exception cref="TimeoutException">Fewer than <paramref name="count"/> arrived within <paramref name="timeout"/>.</exception>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        await Eventually.MatchAsync(
            () => Task.FromResult(Directory.GetFiles(MailFolder, "*.eml").Length),
            received => received >= count,
            timeout,
            $"{count} message(s) at the SMTP server",
            recheckInterval: TimeSpan.FromMilliseconds(25),
            describe: received => $"{received} message(s)");
        return await ReceivedMessagesAsync();
    }

    /// <summary>
    /// The messages received so far, parsed. The server writes a message before it answers the client's DATA, so once a
    /// send has returned, its message is here: no wait is needed to see that nothing was sent.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> ReceivedMessagesAsync()
    {
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(MailFolder, "*.eml"))
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }

        return messages;
    }

    public void Clear()
    {
        foreach (var file in Directory.GetFiles(MailFolder))
        {
            File.Delete(file);
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static void EnsureAiosmtpdInstalled()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} not found: apt-get install python3 python3-aiosmtpd");
        }

        using var probe = Process.Start(new ProcessStartInfo(Python) { ArgumentList = { "-c", "import aiosmtpd" }, RedirectStandardError = true, UseShellExecute = false })!;
        probe.WaitForExit(10_000);
        if (probe.ExitCode != 0)
        {
            // The standard: a missing component fails the fixture with an install hint, in CI and locally alike.
            throw new InvalidOperationException(InstallHint);
        }
    }

    private Task WaitUntilListeningAsync() =>
        Eventually.TrueAsync(AcceptsConnectionsAsync, TimeSpan.FromSeconds(15), $"aiosmtpd to listen on 127.0.0.1:{Port}", TimeSpan.FromMilliseconds(50));

    /// <summary>Whether the server takes a TCP connection now; fails at once if it has exited, as it never will then.</summary>
    private async Task<bool> AcceptsConnectionsAsync()
    {
        if (_process!.HasExited)
        {
            throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
