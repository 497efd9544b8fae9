namespace Soakline.Durable.AzureStorage.Table;

/// <summary>One message a committed step still has to send: the encoded queue text and, for a timer, its due time.</summary>
internal sealed record OutboxEntry(OutboxQueue Queue, string Text, DateTimeOffset? VisibleAt);

internal enum OutboxQueue
{
    Control,
    Work,
}
