using Azure.Identity;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// The process's one <see cref="AzureStorageOrchestrationService"/>, shared by the worker and the client. Sharing it
/// matters: a message this process sends (a start, an event, an activity result) wakes this process's own queue
/// pollers at once instead of after their back-off.
/// </summary>
internal sealed class TaskHubConnection : IDisposable
{
    private readonly Lazy<StandaloneEngineOptions> _options;
    private readonly Lazy<AzureStorageOrchestrationService> _service;

    public TaskHubConnection(IOptions<StandaloneEngineOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        // Reading Value runs the validator: a bad setting fails on first use with the full list, before any storage
        // call. Not here: the worker is built with the host's other services, and the app reports settings problems
        // all together from its first hosted service.
        _options = new Lazy<StandaloneEngineOptions>(() => options.Value);
        _service = new Lazy<AzureStorageOrchestrationService>(() => new AzureStorageOrchestrationService(CreateSettings(_options.Value, loggerFactory)));
    }

    public string TaskHubName => _options.Value.TaskHubName;

    public string WorkerId => _options.Value.WorkerId;

    public TimeSpan ClientPollingMaxInterval => _options.Value.ClientPollingMaxInterval;

    /// <summary>The provider, created on first use (a client-only process never starts it; it creates the hub on demand).</summary>
    public AzureStorageOrchestrationService Service => _service.Value;

    /// <summary>Translates validated options into the provider's settings, with the choices that are not options.</summary>
    public static AzureStorageOrchestrationServiceSettings CreateSettings(StandaloneEngineOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = options.ConnectionString is { Length: > 0 } connectionString
                ? new StorageAccountClientProvider(connectionString)
                : new StorageAccountClientProvider(options.StorageAccountName!, options.Credential ?? new DefaultAzureCredential()),
            PartitionCount = options.PartitionCount,
            ControlQueueBufferThreshold = options.ControlQueueBufferThreshold,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemVisibilityTimeout,
            LeaseInterval = options.LeaseInterval,
            LeaseAcquireInterval = options.LeaseAcquireInterval,
            WorkerId = options.WorkerId,

            // Partition leases live in the {hub}Partitions table (the provider's current manager, also its default):
            // a graceful stop releases them, so another process takes over without waiting for expiry.
            UseTablePartitionManagement = true,

            // The app lease arbitrates between different apps (deployment slots) sharing a hub. Soakline's processes
            // are one app; with it on, a process whose app name differs would idle for the lease's 5-minute acquire interval.
            UseAppLease = false,

            // Starting an id whose instance is still running is refused with an exception rather than silently ignored.
            ThrowExceptionOnInvalidDedupeStatus = true,

            // Queries and waits return large inputs/outputs (kept in blobs) as their content, not as blob URLs.
            FetchLargeMessageDataEnabled = true,
            LoggerFactory = loggerFactory,
        };
    }

    public void Dispose()
    {
        if (_service.IsValueCreated)
        {
            _service.Value.Dispose();
        }
    }
}
