using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Soakline.Integrations.Notifications.Mail;

/// <summary>Hands messages to the configured SMTP server with MailKit; one connection per batch.</summary>
internal sealed class SmtpMailSender
{
    private readonly SmtpSettings _settings;

    public SmtpMailSender(SmtpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public async Task SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        using var client = new SmtpClient { Timeout = (int)_settings.Timeout.TotalMilliseconds };
        var step = "connect";
        try
        {
            await client.ConnectAsync(_settings.Host, _settings.Port, ToSocketOptions(_settings.TlsMode), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_settings.UserName))
            {
                step = "authenticate";
                await client.AuthenticateAsync(_settings.UserName, _settings.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            foreach (var message in messages)
            {
                step = $"send to {string.Join(", ", message.To.Mailboxes.Select(m => m.Address))}";
                await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }

            step = "disconnect";
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SslHandshakeException or AuthenticationException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException)
        {
            throw new MailDeliveryException($"SMTP {step} failed at {_settings.Host}:{_settings.Port} ({_settings.TlsMode}): {Describe(ex)}", ex);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        AuthenticationException => "the server rejected Smtp:UserName / Smtp:Password",
        SmtpCommandException command => $"{(int)command.StatusCode} {command.Message}",
        SslHandshakeException => "the TLS handshake failed (wrong Smtp:TlsMode for this port, or an untrusted certificate)",
        _ => ex.Message,
    };

    private static SecureSocketOptions ToSocketOptions(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.Implicit => SecureSocketOptions.SslOnConnect,
        SmtpTlsMode.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpTlsMode.None => SecureSocketOptions.None,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown TLS mode."),
    };
}
