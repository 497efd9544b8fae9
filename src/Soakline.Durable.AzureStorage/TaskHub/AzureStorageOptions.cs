using Azure.Core;

namespace Soakline.Durable.AzureStorage;

/// <summary>
/// Where the task hub lives and how the backend behaves. Give either <see cref="ConnectionString"/> (Azurite, keys)
/// or <see cref="StorageAccountName"/> / the three service URIs together with <see cref="Credential"/> (managed
/// identity, <c>DefaultAzureCredential</c> in Azure).
/// </summary>
public sealed class AzureStorageOptions
{
    /// <summary>The largest payload kept inline in a queue message or table property; larger ones go to blobs.</summary>
    public const int MaxInlinePayloadBytes = 46 * 1024;

    /// <summary>Azure Queues refuse a visibility delay beyond 7 days; a longer durable timer re-arms itself.</summary>
    public static readonly TimeSpan QueueVisibilityCap = TimeSpan.FromDays(7);

    public string? ConnectionString { get; set; }

    /// <summary>The account name; the public-cloud endpoints are derived from it unless the URIs below are given.</summary>
    public string? StorageAccountName { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public TokenCredential? Credential { get; set; }

    /// <summary>Names the table, the queues and the blob container (letters and digits, 3 to 45, starting with a letter).</summary>
    public string TaskHubName { get; set; } = "soakline";

    /// <summary>
    /// True (standalone): the worker polls the queues itself. False: the Functions host's queue triggers call
    /// <see cref="AzureStorageMessageHandler"/> and the worker's own loops stay idle.
    /// </summary>
    public bool UsePollers { get; set; } = true;

    /// <summary>The longest pause between polls of an empty queue; polling starts at 10 ms and doubles up to this.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Control messages received in one poll; those for the same instance become one step.</summary>
    public int ControlBatchSize { get; set; } = 32;

    /// <summary>How long a received control message stays hidden from other workers: the redelivery delay after a crash.</summary>
    public TimeSpan ControlMessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a received activity stays hidden if its worker dies; renewed every half of it while the activity runs.</summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a worker's lock on an instance lasts if it dies holding it.</summary>
    public TimeSpan InstanceLockDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A message received more often than this goes to the poison queue and fails its instance.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How soon a message whose processing failed is offered again.</summary>
    public TimeSpan AbandonDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the sweeper looks for outbox rows that a crashed worker committed but never sent.</summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An outbox row older than this is considered abandoned by its writer and re-sent by the sweeper.</summary>
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest visibility delay put on a queue message (Azure's cap; lower it only to test re-arming).</summary>
    public TimeSpan MaxMessageDelay { get; set; } = QueueVisibilityCap - TimeSpan.FromMinutes(1);

    /// <summary>Payloads (messages, history chunks, instance details) larger than this many UTF-8 bytes go to blobs.</summary>
    public int InlinePayloadLimitBytes { get; set; } = 45 * 1024;

    /// <summary>Checks the options and throws an <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        TaskHubNames.Validate(TaskHubName);
        var hasUris = StorageAccountName is not null || TableServiceUri is not null || QueueServiceUri is not null || BlobServiceUri is not null;
        if (string.IsNullOrWhiteSpace(ConnectionString) && !hasUris)
        {
            throw new ArgumentException($"{nameof(AzureStorageOptions)}: set {nameof(ConnectionString)}, or {nameof(StorageAccountName)} (or the three service URIs) with {nameof(Credential)}.", nameof(ConnectionString));
        }

        if (!string.IsNullOrWhiteSpace(ConnectionString) && hasUris)
        {
            throw new ArgumentException($"{nameof(AzureStorageOptions)}: set either {nameof(ConnectionString)} or the account name/URIs, not both.", nameof(ConnectionString));
        }

        if (hasUris && Credential is null)
        {
            throw new ArgumentException($"{nameof(AzureStorageOptions)}.{nameof(Credential)} is required with {nameof(StorageAccountName)} or service URIs (e.g. DefaultAzureCredential).", nameof(Credential));
        }

        if (hasUris && StorageAccountName is null && (TableServiceUri is null || QueueServiceUri is null || BlobServiceUri is null))
        {
            throw new ArgumentException($"{nameof(AzureStorageOptions)}: without {nameof(StorageAccountName)}, all of {nameof(TableServiceUri)}, {nameof(QueueServiceUri)} and {nameof(BlobServiceUri)} are required.", nameof(TableServiceUri));
        }

        RequirePositive(MaxPollingInterval, nameof(MaxPollingInterval));
        RequirePositive(ControlMessageVisibilityTimeout, nameof(ControlMessageVisibilityTimeout));
        RequirePositive(WorkItemVisibilityTimeout, nameof(WorkItemVisibilityTimeout));
        RequirePositive(InstanceLockDuration, nameof(InstanceLockDuration));
        RequirePositive(OutboxSweepInterval, nameof(OutboxSweepInterval));
        RequirePositive(OutboxLease, nameof(OutboxLease));
        RequirePositive(MaxMessageDelay, nameof(MaxMessageDelay));
        if (AbandonDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(AzureStorageOptions)}.{nameof(AbandonDelay)} must not be negative (was {AbandonDelay}).", nameof(AbandonDelay));
        }

        if (MaxMessageDelay > QueueVisibilityCap)
        {
            throw new ArgumentException($"{nameof(AzureStorageOptions)}.{nameof(MaxMessageDelay)} must not exceed Azure's 7-day visibility cap (was {MaxMessageDelay}).", nameof(MaxMessageDelay));
        }

        if (ControlBatchSize is < 1 or > 32)
        {
            throw new ArgumentException($"{nameof(AzureStorageOptions)}.{nameof(ControlBatchSize)} must be 1 to 32, the most one queue receive returns (was {ControlBatchSize}).", nameof(ControlBatchSize));
        }

        if (MaxDequeueCount < 1)
        {
            throw new ArgumentException($"{nameof(AzureStorageOptions)}.{nameof(MaxDequeueCount)} must be at least 1 (was {MaxDequeueCount}).", nameof(MaxDequeueCount));
        }

        if (InlinePayloadLimitBytes is < 1024 or > MaxInlinePayloadBytes)
        {
            throw new ArgumentException($"{nameof(AzureStorageOptions)}.{nameof(InlinePayloadLimitBytes)} must be 1024 to {MaxInlinePayloadBytes} (a base64 queue message holds 64 KB; was {InlinePayloadLimitBytes}).", nameof(InlinePayloadLimitBytes));
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(AzureStorageOptions)}.{name} must be positive (was {value}).", name);
        }
    }
}
