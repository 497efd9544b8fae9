using Azure;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Table;

/// <summary>An instance as read from its partition: its state, the instance row's ETag, and where its history stands.</summary>
internal sealed record StoredInstance(
    OrchestrationInstanceState State,
    ETag ETag,
    long HistoryGeneration,
    int HistoryChunks,
    InstanceLock? Lock);

/// <summary>A worker's claim on an instance, written on the instance row; it lapses at <see cref="ExpiresAt"/>.</summary>
internal sealed record InstanceLock(string Owner, DateTimeOffset ExpiresAt);
