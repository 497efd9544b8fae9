namespace Soakline.Durable.AzureStorage.Messaging;

/// <summary>A queue message that cannot be read: retried, then quarantined in the poison queue.</summary>
public sealed class InvalidQueueMessageException : Exception
{
    public InvalidQueueMessageException()
    {
    }

    public InvalidQueueMessageException(string message)
        : base(message)
    {
    }

    public InvalidQueueMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
