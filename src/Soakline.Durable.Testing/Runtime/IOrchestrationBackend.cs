using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Testing.Runtime;

/// <summary>
/// What the engine needs from storage. The executor and step processor are storage-independent; a backend only
/// stores instance state and history, moves messages, and guarantees one worker per instance at a time.
/// </summary>
/// <remarks>
/// Contract:
/// <list type="bullet">
/// <item><see cref="CompleteOrchestrationWorkItemAsync"/> commits the new state, history and outgoing messages
/// atomically: after a crash either all of it happened or none, and the consumed messages are redelivered.</item>
/// <item>Messages may be delivered more than once; the step processor drops duplicates.</item>
/// <item>A message with <see cref="OrchestrationMessage.VisibleAt"/> is not delivered before that time.</item>
/// <item>Lock methods wait for work and throw <see cref="OperationCanceledException"/> when cancelled.</item>
/// </list>
/// </remarks>
public interface IOrchestrationBackend
{
    /// <summary>
    /// Stores a new Pending instance and queues its start message. Throws <see cref="InvalidOperationException"/>
    /// when an instance with that id exists and is not terminal; a terminal one is replaced.
    /// </summary>
    Task CreateInstanceAsync(OrchestrationInstanceState state, OrchestrationMessage startMessage, CancellationToken cancellationToken);

    /// <summary>Queues a control message (event, terminate, suspend, resume) for an instance.</summary>
    Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken);

    Task<OrchestrationInstanceState?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>One page of the instances matching <paramref name="query"/>, oldest first; the client turns them into metadata.</summary>
    Task<Page<OrchestrationInstanceState>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes a terminal instance and its history; returns false when it is missing or not terminal.</summary>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken);

    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result, CancellationToken cancellationToken);

    /// <summary>Releases the lock without changes; the messages will be delivered again.</summary>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken);

    Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellationToken);

    /// <summary>Queues the activity's result for its orchestration and removes the request.</summary>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken);

    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken);
}
