using System.Text.Json;

namespace Soakline.Durable.AzureStorage.Messaging;

/// <summary>
/// The text of every queue message: the routing facts (instance, message id, due time) outside the body, so a
/// message whose body cannot be read can still be re-armed, quarantined and blamed on its instance.
/// </summary>
/// <param name="InstanceId">The orchestration instance the message concerns.</param>
/// <param name="MessageId">The engine's message id (for logs and the poison queue).</param>
/// <param name="VisibleAt">A durable timer's due time; a message received earlier re-arms itself.</param>
/// <param name="Body">The OrchestrationMessage or ActivityRequest, when it fits inline.</param>
/// <param name="BodyBlob">Otherwise the blob that holds it.</param>
internal sealed record QueueEnvelope(string InstanceId, string MessageId, DateTimeOffset? VisibleAt, JsonElement? Body, string? BodyBlob);
