namespace Soakline.Integrations.Notifications.Chat;

/// <summary>
/// A chat webhook did not accept a message. Names the channel, never the webhook URL: Slack and Discord URLs are the
/// credential.
/// </summary>
internal sealed class ChatDeliveryException : Exception
{
    public ChatDeliveryException(string message)
        : base(message)
    {
    }

    public ChatDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ChatDeliveryException()
    {
    }
}
