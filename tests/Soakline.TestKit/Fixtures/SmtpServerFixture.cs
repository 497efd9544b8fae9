using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

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

    /// <summary>Waits for <paramref name="count"/> messages to arrive and parses them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var files = Directory.GetFiles(MailFolder, "*.eml");
            if (files.Length >= count || DateTime.UtcNow > deadline)
            {
                var messages = new List<MimeMessage>();
                foreach (var file in files)
                {
                    messages.Add(await MimeMessage.LoadAsync(file));
                }

                return messages;
            }

            await Task.Delay(25);
        }
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

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"aiosmtpd did not listen on 127.0.0.1:{Port} within 15 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
