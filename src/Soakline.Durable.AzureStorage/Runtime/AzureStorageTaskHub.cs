using Microsoft.Extensions.Logging;
using Soakline.Durable.AzureStorage.Messaging;
using Soakline.Durable.AzureStorage.Outbox;
using Soakline.Durable.AzureStorage.Payloads;
using Soakline.Durable.AzureStorage.Table;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// The parts of one task hub wired together once per process; the backend (pollers, client operations) and the
/// queue-trigger handler both work through them.
/// </summary>
internal sealed class AzureStorageTaskHub
{
    public AzureStorageTaskHub(TaskHubClients clients, AzureStorageOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Clients = clients;
        Options = options;
        TimeProvider = timeProvider;
        Payloads = new LargeTextStore(clients.Payloads, options.InlinePayloadLimitBytes);
        Codec = new QueueMessageCodec(Payloads);
        Store = new InstanceStore(clients.Table, Payloads);
        Queues = new TaskHubQueues(clients, options, timeProvider);
        Dispatcher = new OutboxDispatcher(Queues, Store);
        Sweeper = new OutboxSweeper(Store, Dispatcher, options, timeProvider, loggerFactory.CreateLogger<OutboxSweeper>());
        Locker = new InstanceLocker(Store, options, timeProvider, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
        Committer = new StepCommitter(Store, Codec, Dispatcher, Locker);
        Runner = new InstanceStepRunner(Locker, Committer);
        Poison = new PoisonMessageHandler(Queues, Payloads, Runner, timeProvider, loggerFactory.CreateLogger<PoisonMessageHandler>());
        Results = new ActivityResultSender(Codec, Queues);
        Intake = new MessageIntake(Codec, Queues, Poison, options, timeProvider);
    }

    public TaskHubClients Clients { get; }

    public AzureStorageOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public LargeTextStore Payloads { get; }

    public QueueMessageCodec Codec { get; }

    public InstanceStore Store { get; }

    public TaskHubQueues Queues { get; }

    public OutboxDispatcher Dispatcher { get; }

    public OutboxSweeper Sweeper { get; }

    public InstanceLocker Locker { get; }

    public StepCommitter Committer { get; }

    public InstanceStepRunner Runner { get; }

    public PoisonMessageHandler Poison { get; }

    public MessageIntake Intake { get; }

    public ActivityResultSender Results { get; }
}
