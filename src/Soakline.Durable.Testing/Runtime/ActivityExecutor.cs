using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Durable.Testing.History;
using Soakline.Durable.Testing.Serialization;

namespace Soakline.Durable.Testing.Runtime;

/// <summary>
/// Runs one activity request and turns its outcome (result or failure) into the control message for its
/// orchestration. Activities are created per call, through the SDK's task factory, in their own DI scope.
/// </summary>
public sealed class ActivityExecutor
{
    private readonly IDurableTaskFactory _tasks;
    private readonly string _registeredNames;
    private readonly IServiceScopeFactory _scopes;
    private readonly DataConverter _converter;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="registeredNames">The activities <paramref name="tasks"/> knows, named when an unknown one is asked for.</param>
    public ActivityExecutor(
        IDurableTaskFactory tasks, IEnumerable<string> registeredNames, IServiceScopeFactory scopes, DataConverter converter, TimeProvider timeProvider, ILogger<ActivityExecutor> logger)
    {
        _tasks = tasks;
        _registeredNames = TaskFailures.DescribeRegistered(registeredNames);
        _scopes = scopes;
        _converter = converter;
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
        await using var scope = _scopes.CreateAsyncScope();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_tasks.TryCreateActivity(new TaskName(request.Name), scope.ServiceProvider, out var activity))
            {
                return new TaskFailed(request.TaskId, new TaskFailureDetails(
                    TaskFailures.ActivityNotFound, $"No activity named '{request.Name}' is registered with this worker (registered: {_registeredNames}).", null, null, null));
            }

            var input = DurablePayloads.Read(_converter, request.Input, activity.InputType, $"input of activity '{request.Name}'");
            var output = await activity.RunAsync(new ActivityContext(new TaskName(request.Name), request.InstanceId), input);
            return new TaskCompleted(request.TaskId, _converter.Serialize(output));
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
            return new TaskFailed(request.TaskId, TaskFailures.FromException(ex));
        }
    }

    private sealed class ActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
