using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Soakline.Durable.AzureStorage;

/// <summary>
/// The SDK clients of one task hub, and its creation: the table, the three queues and the container are created on
/// first use, once per process (a failed attempt is retried by the next caller).
/// </summary>
public sealed class TaskHubClients
{
    private readonly Lock _gate = new();
    private Task? _creation;

    public TaskHubClients(AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Names = TaskHubNames.For(options.TaskHubName);

        // Base64 is what the Functions host's queue trigger expects by default, so both drivers read the same messages.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            Table = new TableClient(options.ConnectionString, Names.Table);
            var queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            ControlQueue = queues.GetQueueClient(Names.ControlQueue);
            WorkQueue = queues.GetQueueClient(Names.WorkQueue);
            PoisonQueue = queues.GetQueueClient(Names.PoisonQueue);
            Payloads = new BlobContainerClient(options.ConnectionString, Names.PayloadContainer);
        }
        else
        {
            var credential = options.Credential!;
            var account = options.StorageAccountName;
            var tableUri = options.TableServiceUri ?? new Uri($"https://{account}.table.core.windows.net");
            var queueUri = options.QueueServiceUri ?? new Uri($"https://{account}.queue.core.windows.net");
            var blobUri = options.BlobServiceUri ?? new Uri($"https://{account}.blob.core.windows.net");
            Table = new TableServiceClient(tableUri, credential).GetTableClient(Names.Table);
            var queues = new QueueServiceClient(queueUri, credential, queueOptions);
            ControlQueue = queues.GetQueueClient(Names.ControlQueue);
            WorkQueue = queues.GetQueueClient(Names.WorkQueue);
            PoisonQueue = queues.GetQueueClient(Names.PoisonQueue);
            Payloads = new BlobServiceClient(blobUri, credential).GetBlobContainerClient(Names.PayloadContainer);
        }
    }

    public TaskHubNames Names { get; }

    public TableClient Table { get; }

    public QueueClient ControlQueue { get; }

    public QueueClient WorkQueue { get; }

    public QueueClient PoisonQueue { get; }

    public BlobContainerClient Payloads { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        Task creation;
        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAllAsync();
            }

            creation = _creation;
        }

        return creation.IsCompletedSuccessfully ? Task.CompletedTask : creation.WaitAsync(cancellationToken);
    }

    private Task CreateAllAsync() => Task.WhenAll(
        Table.CreateIfNotExistsAsync(CancellationToken.None),
        ControlQueue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None),
        WorkQueue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None),
        PoisonQueue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None),
        Payloads.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
}
