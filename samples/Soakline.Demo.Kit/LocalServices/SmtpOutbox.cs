using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Soakline.Demo.Kit.LocalServices;

/// <summary>
/// A tiny SMTP server on loopback that writes every message it receives to a folder as a <c>.eml</c> file: the demo's
/// "mailbox" for approval mail. It speaks just enough SMTP for a client that sends plain mail (EHLO, MAIL, RCPT, DATA,
/// QUIT) without TLS or authentication, which is what the app does with <c>Soakline__Smtp__TlsMode=None</c>.
/// </summary>
public sealed class SmtpOutbox : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _count;

    public SmtpOutbox(string folder)
    {
        Folder = Directory.CreateDirectory(folder).FullName;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public string Folder { get; }

    public int Port { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.Latin1);
                await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 soakline-demo-outbox ESMTP").ConfigureAwait(false);
                while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
                {
                    var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO" or "HELO":
                            await writer.WriteLineAsync("250 soakline-demo-outbox").ConfigureAwait(false);
                            break;
                        case "MAIL" or "RCPT" or "RSET" or "NOOP":
                            await writer.WriteLineAsync("250 OK").ConfigureAwait(false);
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>").ConfigureAwait(false);
                            await SaveAsync(reader).ConfigureAwait(false);
                            await writer.WriteLineAsync("250 OK: queued in the outbox").ConfigureAwait(false);
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 Bye").ConfigureAwait(false);
                            return;
                        default:
                            await writer.WriteLineAsync("502 Command not implemented").ConfigureAwait(false);
                            break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A client that went away mid-conversation: nothing was saved, nothing to do.
            }
        }
    }

    private async Task SaveAsync(StreamReader reader)
    {
        var message = new StringBuilder();
        while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line && line != ".")
        {
            // SMTP dot-stuffing: a leading dot was doubled by the sender.
            message.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        }

        var number = Interlocked.Increment(ref _count);
        var path = Path.Combine(Folder, $"{number:D3}-{DateTime.UtcNow:HHmmss}.eml");
        await File.WriteAllTextAsync(path + ".tmp", message.ToString(), Encoding.Latin1).ConfigureAwait(false);
        File.Move(path + ".tmp", path);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }
}
