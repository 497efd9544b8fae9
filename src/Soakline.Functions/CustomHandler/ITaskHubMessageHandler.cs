namespace Soakline.Functions.CustomHandler;

/// <summary>
/// Processes one engine queue message handed over by a queue trigger: an orchestration step (control queue) or an
/// activity (work queue). Returning means done (the host deletes the message); throwing means retry later.
/// </summary>
public interface ITaskHubMessageHandler
{
    Task HandleControlMessageAsync(string messageText, long dequeueCount, CancellationToken cancellationToken);

    Task HandleWorkMessageAsync(string messageText, long dequeueCount, CancellationToken cancellationToken);
}
