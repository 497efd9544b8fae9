using Soakline.Durable.AzureStorage;
using Soakline.Functions.CustomHandler;

namespace Soakline.Functions.Engine;

/// <summary>The queue triggers' messages handed to the Azure Storage backend's "process this one message" entry point.</summary>
public sealed class AzureQueueMessages(AzureStorageMessageHandler handler) : ITaskHubMessageHandler
{
    public Task HandleControlMessageAsync(string messageText, long dequeueCount, CancellationToken cancellationToken) =>
        handler.HandleControlMessageAsync(messageText, dequeueCount, cancellationToken);

    public Task HandleWorkMessageAsync(string messageText, long dequeueCount, CancellationToken cancellationToken) =>
        handler.HandleWorkMessageAsync(messageText, dequeueCount, cancellationToken);
}
