using System.Globalization;
using Microsoft.Extensions.Logging;
using Soakline.Durable.History;
using Soakline.Durable.Serialization;

namespace Soakline.Durable.Replay;

/// <summary>
/// The orchestration context during one execution of a step: it records the actions the code takes, completes the
/// tasks the code awaits as history events are delivered, and buffers external events until they are awaited.
/// Only ever touched from the deterministic scheduler's thread.
/// </summary>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private readonly DeterministicTaskScheduler _scheduler;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly SortedDictionary<int, OrchestratorAction> _unmatchedActions = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkedList<EventRaised> _bufferedEvents = new();
    private int _nextTaskId;
    private int _guidCounter;

    public ReplayOrchestrationContext(TaskName name, string instanceId, ParentInstanceInfo? parent, DeterministicTaskScheduler scheduler, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        Parent = parent is null ? null : new ParentOrchestrationInstance(parent.Name, parent.InstanceId);
        _scheduler = scheduler;
        _loggerFactory = loggerFactory;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }

    public override ParentOrchestrationInstance? Parent { get; }

    public override DateTime CurrentUtcDateTime => CurrentTimestamp.UtcDateTime;

    public DateTimeOffset CurrentTimestamp { get; set; }

    public override bool IsReplaying => IsReplayingHistory;

    public bool IsReplayingHistory { get; set; }

    public string? SerializedInput { get; set; }

    public string? SerializedCustomStatus { get; private set; }

    public bool CustomStatusChanged { get; private set; }

    public ContinueAsNewRequest? ContinueAsNewRequested { get; private set; }

    /// <summary>Actions taken that history does not record yet, in task-id order.</summary>
    public IEnumerable<OrchestratorAction> UnmatchedActions => _unmatchedActions.Values;

    /// <summary>
    /// True while something durable can still move the orchestrator: an awaited task, an event wait, or an action
    /// not yet sent. When the orchestrator has not finished and this is false, it is blocked on a non-durable task.
    /// </summary>
    public bool HasPendingDurableWork => _openTasks.Count > 0 || _unmatchedActions.Count > 0 || _waiters.Values.Any(q => q.Count > 0);

    /// <summary>External events that arrived but were never awaited, in arrival order.</summary>
    public IEnumerable<EventRaised> BufferedEvents => _bufferedEvents;

    protected override ILoggerFactory LoggerFactory => _loggerFactory;

    public void RestoreCustomStatus(string? serialized) => SerializedCustomStatus = serialized;

    public override T? GetInput<T>()
        where T : default => DurableJson.Deserialize<T>(SerializedInput);

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        EnsureOrchestratorThread();
        var serializedInput = DurableJson.Serialize(input);
        return WithRetry(options, () => ScheduleActivityOnce<TResult>(name.Name, serializedInput));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        EnsureOrchestratorThread();
        var fireAtUtc = new DateTimeOffset(DateTime.SpecifyKind(fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : fireAt, DateTimeKind.Utc));
        var taskId = _nextTaskId++;
        var completion = new TaskCompletionSource<string?>();
        _openTasks[taskId] = new OpenTask($"timer at {fireAtUtc:O}", completion);
        _unmatchedActions.Add(taskId, new CreateTimerAction(taskId, fireAtUtc));

        if (cancellationToken.CanBeCanceled)
        {
            // Cancelling resolves the task at once and forgets it, so a TimerFired that arrives later finds no open
            // task and is ignored: a cancelled timer never fires into the orchestration.
            cancellationToken.Register(() =>
            {
                if (completion.TrySetCanceled(cancellationToken))
                {
                    _openTasks.Remove(taskId);
                }
            });
        }

        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        EnsureOrchestratorThread();
        for (var node = _bufferedEvents.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Name, eventName, StringComparison.OrdinalIgnoreCase))
            {
                _bufferedEvents.Remove(node);
                return Task.FromResult(ReadEventPayload<T>(node.Value));
            }
        }

        var waiter = new EventWaiter(new TaskCompletionSource<EventRaised>());
        if (!_waiters.TryGetValue(eventName, out var queue))
        {
            queue = new LinkedList<EventWaiter>();
            _waiters[eventName] = queue;
        }

        var waiterNode = queue.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (waiter.Completion.TrySetCanceled(cancellationToken) && waiterNode.List is not null)
                {
                    queue.Remove(waiterNode);
                }
            });
        }

        return ConvertEventAsync<T>(waiter.Completion.Task);
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        EnsureOrchestratorThread();
        var taskId = _nextTaskId++;
        _unmatchedActions.Add(taskId, new SendEventAction(taskId, instanceId, eventName, DurableJson.Serialize(payload)));
    }

    public override void SetCustomStatus(object? customStatus)
    {
        EnsureOrchestratorThread();
        SerializedCustomStatus = DurableJson.Serialize(customStatus);
        CustomStatusChanged = true;
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        EnsureOrchestratorThread();
        var serializedInput = DurableJson.Serialize(input);
        var chosenId = (options as SubOrchestrationOptions)?.InstanceId;
        return WithRetry(options, () =>
            CallSubOrchestratorOnce<TResult>(orchestratorName.Name, chosenId ?? NewGuid().ToString("N"), serializedInput));
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        EnsureOrchestratorThread();
        ContinueAsNewRequested = new ContinueAsNewRequest(DurableJson.Serialize(newInput), preserveUnprocessedEvents);
    }

    public override Guid NewGuid()
    {
        EnsureOrchestratorThread();
        var name = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{CurrentTimestamp:O}_{_guidCounter++}");
        return DeterministicGuid.Create(name);
    }

    /// <summary>Checks a recorded action event against the action the code took with the same task id.</summary>
    public void MatchRecordedAction(IActionEvent recorded)
    {
        if (!_unmatchedActions.TryGetValue(recorded.TaskId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}'): history event {recorded.Describe()} has no matching action; "
                + $"on replay the orchestrator did not take an action #{recorded.TaskId}.");
        }

        if (!action.Matches(recorded))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}'): history event {recorded.Describe()} does not match "
                + $"the action {action.Describe()} taken on replay.");
        }

        _unmatchedActions.Remove(recorded.TaskId);
    }

    /// <summary>Resolves the awaited task a completion event belongs to; unknown ids (cancelled timers) are ignored.</summary>
    public void Complete(ICompletionEvent completion)
    {
        if (!_openTasks.Remove(completion.TaskScheduledId, out var open))
        {
            return;
        }

        switch (completion)
        {
            case TaskCompleted done:
                open.Completion.TrySetResult(done.Result);
                break;
            case SubOrchestrationCompleted done:
                open.Completion.TrySetResult(done.Result);
                break;
            case TimerFired:
                open.Completion.TrySetResult(null);
                break;
            case TaskFailed failed:
                open.Completion.TrySetException(new TaskFailedException(open.Description, completion.TaskScheduledId, failed.Failure));
                break;
            case SubOrchestrationFailed failed:
                open.Completion.TrySetException(new TaskFailedException(open.Description, completion.TaskScheduledId, failed.Failure));
                break;
        }
    }

    /// <summary>Hands an external event to the oldest waiter for its name, or buffers it.</summary>
    public void DeliverEvent(EventRaised raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var queue))
        {
            while (queue.First is { } first)
            {
                queue.RemoveFirst();
                if (first.Value.Completion.TrySetResult(raised))
                {
                    return;
                }
            }
        }

        _bufferedEvents.AddLast(raised);
    }

    private static T ReadEventPayload<T>(EventRaised raised) =>
        (T)DurableJson.Deserialize(raised.Input, typeof(T), $"payload of event '{raised.Name}'")!;

    private static async Task<T> ConvertEventAsync<T>(Task<EventRaised> received) => ReadEventPayload<T>(await received);

    private async Task<TResult> ScheduleActivityOnce<TResult>(string name, string? serializedInput)
    {
        var taskId = _nextTaskId++;
        var completion = new TaskCompletionSource<string?>();
        _openTasks[taskId] = new OpenTask(name, completion);
        _unmatchedActions.Add(taskId, new ScheduleActivityAction(taskId, name, serializedInput));
        var result = await completion.Task;
        return (TResult)DurableJson.Deserialize(result, typeof(TResult), $"result of activity '{name}'")!;
    }

    private async Task<TResult> CallSubOrchestratorOnce<TResult>(string name, string instanceId, string? serializedInput)
    {
        var taskId = _nextTaskId++;
        var completion = new TaskCompletionSource<string?>();
        _openTasks[taskId] = new OpenTask(name, completion);
        _unmatchedActions.Add(taskId, new CallSubOrchestratorAction(taskId, name, instanceId, serializedInput));
        var result = await completion.Task;
        return (TResult)DurableJson.Deserialize(result, typeof(TResult), $"output of sub-orchestration '{name}'")!;
    }

    /// <summary>
    /// Retries per the policy, waiting on durable timers between attempts; the elapsed time is measured on the
    /// orchestration clock, so a replay makes the same decisions.
    /// </summary>
    private async Task<TResult> WithRetry<TResult>(TaskOptions? options, Func<Task<TResult>> attempt)
    {
        if (options?.Retry?.Policy is not { } policy)
        {
            return await attempt();
        }

        var firstAttemptAt = CurrentTimestamp;
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure) when (attemptNumber < policy.MaxNumberOfAttempts && policy.HandleFailure(failure.FailureDetails))
            {
                var delay = policy.DelayAfterAttempt(attemptNumber);
                var nextAttemptAt = CurrentTimestamp + delay;
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && nextAttemptAt - firstAttemptAt > policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(nextAttemptAt.UtcDateTime, CancellationToken.None);
            }
        }
    }

    private void EnsureOrchestratorThread()
    {
        if (!_scheduler.IsCurrentThreadRunningOrchestratorCode)
        {
            throw new InvalidOperationException(
                $"Orchestrator '{Name}' called the orchestration context from outside the orchestration thread. "
                + "Orchestrator code must not use ConfigureAwait(false), Task.Run, or await non-durable tasks (see docs/engine.md).");
        }
    }

    private sealed record OpenTask(string Description, TaskCompletionSource<string?> Completion);

    private sealed record EventWaiter(TaskCompletionSource<EventRaised> Completion);
}

/// <summary>The orchestrator asked to restart with a new input.</summary>
internal sealed record ContinueAsNewRequest(string? Input, bool PreserveUnprocessedEvents);
