using MimeKit;

namespace Soakline.Integrations.Notifications.Mail;

/// <summary>
/// Settings section <c>Smtp</c>. Examples: Office 365 <c>smtp.office365.com:587</c> StartTls with the mailbox's
/// credentials; SendGrid <c>smtp.sendgrid.net:587</c> StartTls, user <c>apikey</c>, password the API key; Azure
/// Communication Services <c>smtp.azurecomm.net:587</c> StartTls, user the Entra app's SMTP username, password its
/// client secret.
/// </summary>
public sealed class SmtpSettings
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.StartTls;

    public string? UserName { get; set; }

    /// <summary>Never logged and never part of an error message.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address; most providers only accept verified senders or domains.</summary>
    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "Soakline";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public MailboxAddress From => new(FromName, FromAddress);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("Smtp:Host must name the SMTP server.");
        }

        if (Port is <= 0 or > 65535)
        {
            throw new ArgumentException($"Smtp:Port {Port} is not a TCP port.");
        }

        if (!Enum.IsDefined(TlsMode))
        {
            throw new ArgumentException($"Smtp:TlsMode '{TlsMode}' must be StartTls, Implicit, StartTlsWhenAvailable or None.");
        }

        if (!MailboxAddress.TryParse(FromAddress, out _) || !FromAddress.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Smtp:FromAddress '{FromAddress}' is not an email address.");
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            throw new ArgumentException("Smtp:UserName and Smtp:Password must be set together.");
        }

        if (TlsMode == SmtpTlsMode.None && !string.IsNullOrEmpty(UserName))
        {
            throw new ArgumentException("Smtp:TlsMode None would send Smtp:Password in clear text; use StartTls or Implicit.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Smtp:Timeout must be positive.");
        }
    }
}
