using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage;

/// <summary>
/// "Process this one message": the entry point for a host that receives the queue messages itself (the Functions
/// host's queue triggers). It runs the same intake, lock, step and commit as the pollers. Returning means the message
/// is done and may be deleted; throwing means it should be retried (the host makes it visible again and counts the
/// dequeue). Pass the host's dequeue count so a message that keeps failing is quarantined here, with its instance
/// marked Failed.
/// </summary>
public sealed class AzureStorageMessageHandler
{
    private readonly Runtime.AzureStorageTaskHub _hub;
    private readonly OrchestrationStepProcessor _steps;
    private readonly ActivityExecutor _activities;

    internal AzureStorageMessageHandler(Runtime.AzureStorageTaskHub hub, OrchestrationStepProcessor steps, ActivityExecutor activities)
    {
        _hub = hub;
        _steps = steps;
        _activities = activities;
    }

    /// <summary>Handles the text of one message from the control queue (<see cref="TaskHubNames.ControlQueue"/>).</summary>
    public async Task HandleControlMessageAsync(string queueMessageText, long dequeueCount = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queueMessageText);
        await _hub.Clients.EnsureCreatedAsync(cancellationToken);
        var accepted = await _hub.Intake.AcceptAsync<List<OrchestrationMessage>>(_hub.Clients.Names.ControlQueue, queueMessageText, dequeueCount, cancellationToken);
        if (accepted is not { Body: { Count: > 0 } messages })
        {
            return;
        }

        if (accepted.HoldFor > TimeSpan.Zero)
        {
            await Task.Delay(accepted.HoldFor, _hub.TimeProvider, cancellationToken); // A timer a fraction of a second early.
        }

        var instanceId = messages[0].TargetInstanceId;
        await _hub.Runner.RunAsync(instanceId, state => _steps.Process(new OrchestrationWorkItem(instanceId, state, messages)), cancellationToken);
    }

    /// <summary>Handles the text of one message from the work queue (<see cref="TaskHubNames.WorkQueue"/>): runs the activity.</summary>
    public async Task HandleWorkMessageAsync(string queueMessageText, long dequeueCount = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queueMessageText);
        await _hub.Clients.EnsureCreatedAsync(cancellationToken);
        var request = (await _hub.Intake.AcceptAsync<ActivityRequest>(_hub.Clients.Names.WorkQueue, queueMessageText, dequeueCount, cancellationToken))?.Body;
        if (request is null)
        {
            return;
        }

        var result = await _activities.ExecuteAsync(request, cancellationToken);
        await _hub.Results.SendAsync(result);
    }
}
