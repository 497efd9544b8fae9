using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Messaging;

/// <summary>A control message taken from the queue: its receipt (to delete it once committed) and its content.</summary>
internal sealed record ReceivedControlMessage(string QueueMessageId, string PopReceipt, OrchestrationMessage Message);
