using System.Collections.Concurrent;
using Soakline.Functions.CustomHandler;

namespace Soakline.Functions.Tests.CustomHandler;

/// <summary>Stands in for the Azure Storage backend's message handler: records what the queue triggers hand over.</summary>
public sealed class RecordingTaskHubHandler : ITaskHubMessageHandler
{
    public ConcurrentQueue<(string Queue, string Text, long DequeueCount)> Messages { get; } = new();

    public bool Fail { get; set; }

    public Task HandleControlMessageAsync(string messageText, long dequeueCount, CancellationToken cancellationToken) => Record("control", messageText, dequeueCount);

    public Task HandleWorkMessageAsync(string messageText, long dequeueCount, CancellationToken cancellationToken) => Record("work", messageText, dequeueCount);

    private Task Record(string queue, string text, long dequeueCount)
    {
        if (Fail)
        {
            throw new IOException("storage unavailable");
        }

        Messages.Enqueue((queue, text, dequeueCount));
        return Task.CompletedTask;
    }
}
