using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Soakline.Durable.Testing.History;
using Soakline.Durable.Testing.Runtime;
using Soakline.Durable.Testing.Serialization;

namespace Soakline.Durable.Testing.Replay;

/// <summary>
/// The SDK's orchestration context during one execution of a step: it records the actions the code takes, completes
/// the tasks the code awaits as history events are delivered, and buffers external events until they are awaited.
/// Where the Durable Task Framework and the SDK's shim define a behaviour (retry timing, which waiter gets an event,
/// GUIDs), this context does the same, so an orchestration behaves alike on this engine and on the real one.
/// Only ever touched from the deterministic scheduler's thread.
/// </summary>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    // The DNS namespace (RFC 4122) that the SDK's NewGuid uses, so both engines give the same GUIDs.
    private static readonly Guid GuidNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    private readonly DeterministicTaskScheduler _scheduler;
    private readonly ILoggerFactory _loggerFactory;
    private readonly DataConverter _converter;
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly SortedDictionary<int, OrchestratorAction> _unmatchedActions = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkedList<EventRaised> _bufferedEvents = new();
    private int _nextTaskId;
    private int _guidCounter;

    public ReplayOrchestrationContext(ExecutionRequest request, DeterministicTaskScheduler scheduler)
    {
        Name = request.Name;
        InstanceId = request.InstanceId;
        Parent = request.Parent is { } parent ? new ParentOrchestrationInstance(new TaskName(parent.Name), parent.InstanceId) : null;
        SerializedCustomStatus = request.CustomStatus;
        _scheduler = scheduler;
        _loggerFactory = request.LoggerFactory;
        _converter = request.Converter;
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

    public override T GetInput<T>() => (T)DurablePayloads.Read(_converter, SerializedInput, typeof(T), $"input of orchestrator '{Name}'")!;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        EnsureOrchestratorThread();
        if (input is TaskOptions && options is null)
        {
            throw new ArgumentException(
                $"A {nameof(TaskOptions)} value was passed as the input of activity '{name}'; pass it as the options argument instead.", nameof(input));
        }

        var serializedInput = _converter.Serialize(input);
        return WithRetry(name.Name, options, () => ScheduleActivityOnce<TResult>(name.Name, serializedInput));
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

    /// <summary>
    /// Waits for an event. As in the SDK, the newest waiter for a name gets the next event (a loop that abandons a
    /// wait and waits again is served first), all waiters for a name must ask for the same type, and events that
    /// arrived before any wait are buffered, first in first out per name.
    /// </summary>
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

        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            waiters = new LinkedList<EventWaiter>();
            _waiters[eventName] = waiters;
        }
        else if (waiters.First is { } newest && newest.Value.EventType != typeof(T))
        {
            throw new ArgumentException(
                $"Orchestrator '{Name}' waits for event '{eventName}' as {typeof(T).FullName} while another wait for it expects {newest.Value.EventType.FullName}; "
                + "waits for one event name must ask for the same type.", nameof(eventName));
        }

        var waiter = new EventWaiter(typeof(T), new TaskCompletionSource<EventRaised>());
        var waiterNode = waiters.AddFirst(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (waiter.Completion.TrySetCanceled(cancellationToken) && waiterNode.List is not null)
                {
                    waiters.Remove(waiterNode);
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
        _unmatchedActions.Add(taskId, new SendEventAction(taskId, instanceId, eventName, _converter.Serialize(payload)));
    }

    public override void SetCustomStatus(object? customStatus)
    {
        EnsureOrchestratorThread();
        SerializedCustomStatus = _converter.Serialize(customStatus);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        EnsureOrchestratorThread();
        var serializedInput = _converter.Serialize(input);

        // Chosen once, as the SDK does: every retry of the sub-orchestration runs under the same instance id.
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId ?? NewGuid().ToString("N");
        return WithRetry(orchestratorName.Name, options, () => CallSubOrchestratorOnce<TResult>(orchestratorName.Name, instanceId, serializedInput));
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        EnsureOrchestratorThread();
        ContinueAsNewRequested = new ContinueAsNewRequest(_converter.Serialize(newInput), preserveUnprocessedEvents);
    }

    /// <summary>A name-based (version 5) GUID from the instance id, the step time and a counter, as the SDK makes it.</summary>
    public override Guid NewGuid()
    {
        EnsureOrchestratorThread();
        var name = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{CurrentUtcDateTime.ToString("o", CultureInfo.InvariantCulture)}_{_guidCounter++}");
        return DeterministicGuid.Create(GuidNamespace, name);
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

    /// <summary>Hands an external event to the newest live waiter for its name, or buffers it.</summary>
    public void DeliverEvent(EventRaised raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var waiters))
        {
            while (waiters.First is { } newest)
            {
                waiters.RemoveFirst();
                if (newest.Value.Completion.TrySetResult(raised))
                {
                    return;
                }
            }
        }

        _bufferedEvents.AddLast(raised);
    }

    private T ReadEventPayload<T>(EventRaised raised) =>
        (T)DurablePayloads.Read(_converter, raised.Input, typeof(T), $"payload of event '{raised.Name}'")!;

    private async Task<T> ConvertEventAsync<T>(Task<EventRaised> received) => ReadEventPayload<T>(await received);

    private async Task<TResult> ScheduleActivityOnce<TResult>(string name, string? serializedInput)
    {
        var taskId = _nextTaskId++;
        var completion = new TaskCompletionSource<string?>();
        _openTasks[taskId] = new OpenTask(name, completion);
        _unmatchedActions.Add(taskId, new ScheduleActivityAction(taskId, name, serializedInput));
        var result = await completion.Task;
        return (TResult)DurablePayloads.Read(_converter, result, typeof(TResult), $"result of activity '{name}'")!;
    }

    private async Task<TResult> CallSubOrchestratorOnce<TResult>(string name, string instanceId, string? serializedInput)
    {
        var taskId = _nextTaskId++;
        var completion = new TaskCompletionSource<string?>();
        _openTasks[taskId] = new OpenTask(name, completion);
        _unmatchedActions.Add(taskId, new CallSubOrchestratorAction(taskId, name, instanceId, serializedInput));
        var result = await completion.Task;
        return (TResult)DurablePayloads.Read(_converter, result, typeof(TResult), $"output of sub-orchestration '{name}'")!;
    }

    private Task<TResult> WithRetry<TResult>(string taskName, TaskOptions? options, Func<Task<TResult>> attempt) => options?.Retry switch
    {
        { Policy: { } policy } => RetryWithPolicy(taskName, policy, attempt),
        { Handler: { } handler } => RetryWithHandler(handler, attempt),
        _ => attempt(),
    };

    /// <summary>
    /// A <see cref="RetryPolicy"/> as the Durable Task Framework runs it: after a failed attempt the policy's handler
    /// decides, the retry timeout is checked against the time of the failure (so an attempt may start after it), and
    /// the back-off is a durable timer. The framework records a zero-length timer after the last attempt; so does this.
    /// Time is the orchestration clock, so a replay makes the same decisions.
    /// </summary>
    private async Task<TResult> RetryWithPolicy<TResult>(string taskName, RetryPolicy policy, Func<Task<TResult>> attempt)
    {
        var firstAttemptAt = CurrentUtcDateTime;
        var retryUntil = policy.RetryTimeout == Timeout.InfiniteTimeSpan || policy.RetryTimeout >= DateTime.MaxValue - firstAttemptAt
            ? DateTime.MaxValue
            : firstAttemptAt + policy.RetryTimeout;
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure) when (!IsNonRetriable(failure.FailureDetails))
            {
                if (attemptNumber >= policy.MaxNumberOfAttempts)
                {
                    await CreateTimer(CurrentUtcDateTime, CancellationToken.None);
                    throw;
                }

                if (!policy.Handle(TaskFailures.ForRetryPolicy(taskName, failure.TaskId, failure.FailureDetails)) || CurrentUtcDateTime >= retryUntil)
                {
                    throw;
                }

                await CreateTimer(CurrentUtcDateTime + DelayAfter(policy, attemptNumber), CancellationToken.None);
            }
        }
    }

    /// <summary>A custom retry handler, as the SDK runs it: asked after every failure, with no delay of its own.</summary>
    private async Task<TResult> RetryWithHandler<TResult>(AsyncRetryHandler handler, Func<Task<TResult>> attempt)
    {
        var startedAt = CurrentUtcDateTime;
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure) when (!IsNonRetriable(failure.FailureDetails))
            {
                if (!await handler(new RetryContext(this, failures, failure.FailureDetails, CurrentUtcDateTime - startedAt, CancellationToken.None)))
                {
                    throw;
                }
            }
        }
    }

    /// <summary>The back-off after attempt <paramref name="attemptNumber"/> (1-based): first × coefficient^(n-1), capped.</summary>
    private static TimeSpan DelayAfter(RetryPolicy policy, int attemptNumber)
    {
        var milliseconds = policy.FirstRetryInterval.TotalMilliseconds * Math.Pow(policy.BackoffCoefficient, attemptNumber - 1);
        var cap = policy.MaxRetryInterval == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : policy.MaxRetryInterval;
        return milliseconds < cap.TotalMilliseconds ? TimeSpan.FromMilliseconds(milliseconds) : cap;
    }

    /// <summary>A task that does not exist is not retried: another attempt cannot find it either.</summary>
    private static bool IsNonRetriable(TaskFailureDetails failure) =>
        failure.ErrorType is TaskFailures.ActivityNotFound or TaskFailures.OrchestratorNotFound;

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

    private sealed record EventWaiter(Type EventType, TaskCompletionSource<EventRaised> Completion);
}

/// <summary>The orchestrator asked to restart with a new input.</summary>
internal sealed record ContinueAsNewRequest(string? Input, bool PreserveUnprocessedEvents);
