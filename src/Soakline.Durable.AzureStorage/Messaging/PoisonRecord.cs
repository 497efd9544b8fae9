namespace Soakline.Durable.AzureStorage.Messaging;

/// <summary>What the poison queue holds: the original message text, where it came from, and why it was set aside.</summary>
/// <param name="SourceQueue">The queue the message was taken from.</param>
/// <param name="InstanceId">Its instance, when the envelope could be read.</param>
/// <param name="Reason">Why it was quarantined.</param>
/// <param name="QuarantinedAt">When.</param>
/// <param name="MessageText">The original text, or null when it was too large and is in <paramref name="MessageBlob"/>.</param>
/// <param name="MessageBlob">The blob holding a large original text.</param>
public sealed record PoisonRecord(string SourceQueue, string? InstanceId, string Reason, DateTimeOffset QuarantinedAt, string? MessageText, string? MessageBlob);
