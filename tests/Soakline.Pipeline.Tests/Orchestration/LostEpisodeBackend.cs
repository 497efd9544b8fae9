using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Durable.Testing.History;
using Soakline.Durable.Testing.InMemory;
using Soakline.Durable.Testing.Runtime;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// The in-memory backend with one engine fault: the first episode <c>isLost</c> picks is lost, as when DTFx on Azure
/// Storage sends an episode's messages and the process dies before the episode's history is committed. The episode's
/// result is held (the test reads what it would have sent) and nothing of it is stored; <see cref="RunAgainAsync"/> then
/// hands its messages back, so the engine runs the same episode again, at whatever time the test moved the clock to.
/// </summary>
/// <remarks>
/// The lost episode's messages are not delivered: the in-memory engine refuses a second start of a live instance (DTFx
/// restarted it in the chaos run), so tests compare what the two runs of the episode sent, or play what the lost one
/// sent themselves (a record activity's transition written to the store).
/// </remarks>
internal sealed class LostEpisodeBackend(InMemoryOrchestrationBackend inner, Func<OrchestrationStepResult, bool> isLost) : IOrchestrationBackend
{
    private readonly TaskCompletionSource<OrchestrationStepResult> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private OrchestrationWorkItem? _held;

    /// <summary>Loses the first episode that starts the sub-orchestration <paramref name="childInstanceId"/>.</summary>
    public static LostEpisodeBackend StartingChild(InMemoryOrchestrationBackend inner, string childInstanceId) =>
        new(inner, result => result.AppendedHistory.OfType<SubOrchestrationCreated>().Any(e => e.InstanceId == childInstanceId));

    /// <summary>What the lost episode would have committed and sent; completes when that episode ran.</summary>
    public Task<OrchestrationStepResult> Lost => _lost.Task;

    /// <summary>Hands the lost episode's messages back to the engine, which runs the episode again.</summary>
    public Task RunAgainAsync()
    {
        var held = _held ?? throw new InvalidOperationException("no episode was lost yet");
        return inner.AbandonOrchestrationWorkItemAsync(held, CancellationToken.None);
    }

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_held is null && isLost(result))
        {
            _held = workItem;
            _lost.SetResult(result);
            return Task.CompletedTask;
        }

        return inner.CompleteOrchestrationWorkItemAsync(workItem, result, cancellationToken);
    }

    public Task CreateInstanceAsync(OrchestrationInstanceState state, OrchestrationMessage startMessage, CancellationToken cancellationToken) =>
        inner.CreateInstanceAsync(state, startMessage, cancellationToken);

    public Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken) => inner.SendMessageAsync(message, cancellationToken);

    public Task<OrchestrationInstanceState?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        inner.GetInstanceAsync(instanceId, cancellationToken);

    public Task<Page<OrchestrationInstanceState>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        inner.QueryInstancesAsync(query, cancellationToken);

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) => inner.PurgeInstanceAsync(instanceId, cancellationToken);

    public Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken) =>
        inner.LockNextOrchestrationWorkItemAsync(cancellationToken);

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        inner.AbandonOrchestrationWorkItemAsync(workItem, cancellationToken);

    public Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellationToken) => inner.LockNextActivityWorkItemAsync(cancellationToken);

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken) =>
        inner.CompleteActivityWorkItemAsync(workItem, result, cancellationToken);

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken) =>
        inner.AbandonActivityWorkItemAsync(workItem, cancellationToken);
}
