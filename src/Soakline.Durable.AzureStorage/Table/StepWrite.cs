using Azure;
using Soakline.Durable.History;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Table;

/// <summary>
/// Everything one committed step writes to an instance's partition in one table transaction: the instance row
/// (replacing the version it read, or added when there was none), at most one history chunk, at most one outbox row.
/// Three operations whatever the step did, so the 100-operation limit of a transaction never splits a step.
/// </summary>
internal sealed record StepWrite(
    OrchestrationInstanceState NewState,
    ETag? ExpectedETag,
    long HistoryGeneration,
    int HistoryChunks,
    IReadOnlyList<HistoryEvent> NewChunk,
    IReadOnlyList<OutboxEntry> Outbox);
