using System.Text.Json;
using Soakline.Durable.AzureStorage.Payloads;
using Soakline.Durable.Runtime;
using Soakline.Durable.Serialization;

namespace Soakline.Durable.AzureStorage.Messaging;

/// <summary>Writes and reads queue message text (<see cref="QueueEnvelope"/>), moving large bodies to blobs.</summary>
internal sealed class QueueMessageCodec
{
    private readonly LargeTextStore _payloads;

    public QueueMessageCodec(LargeTextStore payloads)
    {
        _payloads = payloads;
    }

    public Task<string> EncodeAsync(OrchestrationMessage message, CancellationToken cancellationToken) =>
        EncodeAsync([message], cancellationToken);

    /// <summary>
    /// One control queue message carrying several messages for one instance (results coalesced by a worker), so a
    /// fan-in costs a few queue operations rather than one per result. The first message's due time applies.
    /// </summary>
    public Task<string> EncodeAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(messages.Count);
        var first = messages[0];
        if (messages.Any(m => !string.Equals(m.TargetInstanceId, first.TargetInstanceId, StringComparison.Ordinal)))
        {
            throw new ArgumentException("A control queue message carries messages for one instance only.", nameof(messages));
        }

        return EncodeAsync(first.TargetInstanceId, first.MessageId, first.VisibleAt, messages, cancellationToken);
    }

    public Task<string> EncodeAsync(ActivityRequest request, CancellationToken cancellationToken) =>
        EncodeAsync(request.InstanceId, request.MessageId, null, request, cancellationToken);

    /// <summary>Reads the envelope; throws <see cref="InvalidQueueMessageException"/> when the text is not one.</summary>
    public static QueueEnvelope ReadEnvelope(string text)
    {
        QueueEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<QueueEnvelope>(text, DurablePayloads.SerializerOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidQueueMessageException($"The queue message is not a task hub message envelope: {ex.Message}", ex);
        }

        if (envelope is null || string.IsNullOrEmpty(envelope.InstanceId) || (envelope.Body is null && envelope.BodyBlob is null))
        {
            throw new InvalidQueueMessageException("The queue message envelope lacks its instanceId or body.");
        }

        return envelope;
    }

    /// <summary>The body, or null when its blob is gone (the instance was purged, so the message is moot).</summary>
    public async Task<T?> ReadBodyAsync<T>(QueueEnvelope envelope, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            if (envelope.Body is { } inline)
            {
                return inline.Deserialize<T>(DurablePayloads.SerializerOptions)
                    ?? throw new InvalidQueueMessageException($"The body of message {envelope.MessageId} for {envelope.InstanceId} is null.");
            }

            var text = await _payloads.DownloadAsync(envelope.BodyBlob!, cancellationToken);
            return text is null ? null : JsonSerializer.Deserialize<T>(text, DurablePayloads.SerializerOptions);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new InvalidQueueMessageException($"The body of message {envelope.MessageId} for {envelope.InstanceId} could not be read as {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    private async Task<string> EncodeAsync<T>(string instanceId, string messageId, DateTimeOffset? visibleAt, T body, CancellationToken cancellationToken)
    {
        var element = JsonSerializer.SerializeToElement(body, DurablePayloads.SerializerOptions);
        var text = JsonSerializer.Serialize(new QueueEnvelope(instanceId, messageId, visibleAt, element, null), DurablePayloads.SerializerOptions);
        if (_payloads.FitsInline(text))
        {
            return text;
        }

        var blob = await _payloads.UploadAsync(instanceId, "message", element.GetRawText(), cancellationToken);
        return JsonSerializer.Serialize(new QueueEnvelope(instanceId, messageId, visibleAt, null, blob), DurablePayloads.SerializerOptions);
    }
}
