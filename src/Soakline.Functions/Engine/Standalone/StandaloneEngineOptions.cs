using Azure.Core;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Where the standalone engine keeps its task hub and how the Durable Task Framework's Azure Storage provider is
/// tuned. Give either <see cref="ConnectionString"/> (Azurite, account keys) or <see cref="StorageAccountName"/>
/// (managed identity through <see cref="Credential"/>). The defaults are the values Soakline ships; each says why.
/// </summary>
internal sealed class StandaloneEngineOptions
{
    /// <summary>
    /// Names the hub's queues, tables and blob containers. Letters and digits, 3 to 45, starting with a letter (the
    /// provider derives names such as <c>{hub}-control-00</c> and <c>{hub}History</c> from it).
    /// </summary>
    public string TaskHubName { get; set; } = "soakline";

    /// <summary>A storage connection string (Azurite or account keys). Not logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The storage account reached with <see cref="Credential"/>; public-cloud endpoints are derived from it.</summary>
    public string? StorageAccountName { get; set; }

    /// <summary>
    /// The identity used with <see cref="StorageAccountName"/>. When left empty it becomes a
    /// <c>DefaultAzureCredential</c> (managed identity in Azure, developer sign-in locally).
    /// </summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>
    /// Control queues (1 to 16). Each partition is leased by one process at a time, so this caps how many processes
    /// run orchestrations in parallel; 4 is the provider's and Durable Functions' default. Fixed once the hub exists.
    /// </summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Control-queue messages one process buffers before it stops fetching. The provider's default of 64, with its
    /// one-second pause when the buffer is full, caps a single busy instance at about 65 events a second; 256 is
    /// Durable Functions' default on dedicated plans (1000 is its documented maximum). A larger buffer means more
    /// messages redelivered, and so more duplicate activity runs, when a partition moves between processes.
    /// </summary>
    public int ControlQueueBufferThreshold { get; set; } = 256;

    /// <summary>
    /// The longest pause between polls of an empty queue (the provider backs off from 50 ms to this). Messages sent by
    /// this process wake its own pollers at once; this bounds how late a timer fires and how long a message from
    /// another process waits. The provider's default is 30 s; one second keeps releases responsive for a few requests
    /// a second per queue.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Activities one process runs at a time (the provider's default, 10).</summary>
    public int MaxConcurrentActivities { get; set; } = 10;

    /// <summary>Orchestration episodes one process runs at a time (the provider's default, 100).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>
    /// How long a fetched control message stays hidden: the delay before another process sees it again when the
    /// process holding it dies. The provider renews it while an episode runs. The provider's default is 5 minutes;
    /// one minute lets a restarted Soakline pick up an interrupted episode sooner.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a fetched activity stays hidden: the delay before a crashed process's activity runs again elsewhere.
    /// The provider renews it every half minute while the activity runs, so long deployments are not cut short.
    /// </summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a partition lease lasts without renewal: after a process dies, its partitions move to another process
    /// within this time (a lease claimed moments before the crash lasts a minute, a provider constant).
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a process reads the partition table to renew, claim and balance leases.</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Identifies this process in the partition table. It must be unique among live processes on the hub (two live
    /// processes with one id would both think they own a partition). A process restarted under the same id takes its
    /// partitions back at once instead of waiting for the leases to expire. The provider's default, the machine name,
    /// is not unique when several processes share a machine.
    /// </summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// The longest pause between status reads while a client waits for an instance to start or finish. Waits start
    /// at 50 ms and double up to this; the provider's own wait reads every 2 s.
    /// </summary>
    public TimeSpan ClientPollingMaxInterval { get; set; } = TimeSpan.FromSeconds(1);
}
