namespace Soakline.Integrations.Notifications.Mail;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>STARTTLS is required (port 587: Office 365, Azure Communication Services, SendGrid).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Implicit,

    /// <summary>STARTTLS when the server offers it, plain otherwise. Only for relays inside a trusted network.</summary>
    StartTlsWhenAvailable,

    /// <summary>No TLS: loopback test servers and local relays only; credentials are refused in this mode.</summary>
    None,
}
