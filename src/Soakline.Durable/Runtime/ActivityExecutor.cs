using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Durable.History;
using Soakline.Durable.Serialization;

namespace Soakline.Durable.Runtime;

/// <summary>
/// Runs one activity request and turns its outcome (result or failure) into the control message for its
/// orchestration. Activities are created per call in their own DI scope.
/// </summary>
public sealed class ActivityExecutor
{
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ActivityExecutor(DurableTaskRegistry registry, IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger<ActivityExecutor> logger)
    {
        _registry = registry;
        _scopes = scopes;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<OrchestrationMessage> ExecuteAsync(ActivityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await RunAsync(request, cancellationToken);
        return OrchestrationMessage.Create(request.InstanceId, request.ExecutionId, outcome with { Timestamp = _timeProvider.GetUtcNow() });
    }

    private async Task<HistoryEvent> RunAsync(ActivityRequest request, CancellationToken cancellationToken)
    {
        if (!_registry.Activities.TryGetValue(request.Name, out var factory))
        {
            var known = string.Join(", ", _registry.Activities.Keys.Select(k => k.Name).Order(StringComparer.Ordinal));
            return new TaskFailed(request.TaskId, new TaskFailureDetails(
                "ActivityNotFound",
                $"No activity named '{request.Name}' is registered with this worker (registered: {(known.Length == 0 ? "none" : known)}).",
                null,
                null));
        }

        await using var scope = _scopes.CreateAsyncScope();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var activity = factory(scope.ServiceProvider);
            var input = DurableJson.Deserialize(request.Input, activity.InputType, $"input of activity '{request.Name}'");
            var output = await activity.RunAsync(new ActivityContext(request.Name, request.InstanceId), input);
            return new TaskCompleted(request.TaskId, DurableJson.Serialize(output));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // Shutting down: the request stays queued and runs again elsewhere.
        }
#pragma warning disable CA1031 // An activity's exception is its result: it is recorded as a failure for the orchestrator.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "Activity {Activity} (#{TaskId}) of {InstanceId} failed.", request.Name, request.TaskId, request.InstanceId);
            return new TaskFailed(request.TaskId, TaskFailureDetails.FromException(ex));
        }
    }

    private sealed class ActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
