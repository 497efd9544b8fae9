namespace Soakline.Integrations.Notifications.Mail;

/// <summary>Mail could not be handed to the SMTP server; the message names the server and the step, never credentials.</summary>
internal sealed class MailDeliveryException : Exception
{
    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailDeliveryException()
    {
    }
}
