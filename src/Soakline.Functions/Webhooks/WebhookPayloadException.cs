namespace Soakline.Functions.Webhooks;

/// <summary>A webhook body that is not JSON or lacks a field the event needs; the message names the field.</summary>
public sealed class WebhookPayloadException : Exception
{
    public WebhookPayloadException()
    {
    }

    public WebhookPayloadException(string message)
        : base(message)
    {
    }

    public WebhookPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
