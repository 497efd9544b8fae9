using Azure;
using Soakline.Durable.AzureStorage.Table;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// An instance this worker has locked: what it read, and the instance row's ETag after the lock was written, which
/// the step's commit must still match. A missing instance has nothing to lock; its first commit must add the row.
/// </summary>
internal sealed record LockedInstance(string InstanceId, StoredInstance? Stored, ETag? LockETag)
{
    public OrchestrationInstanceState? State => Stored?.State;
}
