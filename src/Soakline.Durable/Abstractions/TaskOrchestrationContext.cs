using Microsoft.Extensions.Logging;

namespace Soakline.Durable;

/// <summary>
/// What an orchestrator can do: schedule activities, sub-orchestrations and durable timers, wait for external events,
/// and read replay-safe facts (time, ids). Every method here is deterministic under replay; see docs/engine.md for
/// the rules orchestrator code must follow.
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract TaskName Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>The orchestration that started this one as a sub-orchestration, or null.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>The time of the current step, from history: use it instead of <see cref="DateTime.UtcNow"/>.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the orchestrator re-executes steps already recorded in history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The logger factory behind <see cref="CreateReplaySafeLogger(string)"/>.</summary>
    protected abstract ILoggerFactory LoggerFactory { get; }

    public abstract T? GetInput<T>();

    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public virtual Task CallActivityAsync(TaskName name, TaskOptions options) =>
        CallActivityAsync(name, null, options);

    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    public virtual Task<TResult> CallActivityAsync<TResult>(TaskName name, TaskOptions options) =>
        CallActivityAsync<TResult>(name, null, options);

    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>A durable timer: it survives restarts; once cancelled it never fires into the orchestration.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for an event raised with <see cref="DurableTaskClient.RaiseEventAsync(string, string, object?, CancellationToken)"/>.
    /// Events that arrived before the wait are buffered, first in first out per name; names are case-insensitive.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an event for at most <paramref name="timeout"/> (a durable timer); throws
    /// <see cref="TaskCanceledException"/> when the time runs out first.
    /// </summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        // Two separate cancellation sources: cancelling the loser must not cancel the winner.
        using var stopTimer = new CancellationTokenSource();
        using var stopWaiting = new CancellationTokenSource();
        var timer = CreateTimer(timeout, stopTimer.Token);
        var received = WaitForExternalEvent<T>(eventName, stopWaiting.Token);

        // Cancel() and not CancelAsync(): cancellation callbacks must run synchronously on the orchestration thread,
        // or the replay would no longer be deterministic.
        var first = await Task.WhenAny(received, timer);
        if (first == received)
        {
#pragma warning disable CA1849
            stopTimer.Cancel();
            return await received;
        }

        stopWaiting.Cancel();
#pragma warning restore CA1849
        throw new TaskCanceledException($"No '{eventName}' event arrived within {timeout}.");
    }

    /// <summary>Raises an event on another orchestration instance; dropped if that instance does not exist.</summary>
    public abstract void SendEvent(string instanceId, string eventName, object payload);

    /// <summary>A small serializable value shown in the instance's metadata; null clears it.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    public virtual Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, TaskOptions options) =>
        CallSubOrchestratorAsync<TResult>(orchestratorName, null, options);

    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, TaskOptions options) =>
        CallSubOrchestratorAsync(orchestratorName, null, options);

    /// <summary>
    /// Restarts this instance with a fresh history and <paramref name="newInput"/> once the orchestrator returns.
    /// Events not yet processed are carried over when <paramref name="preserveUnprocessedEvents"/> is true.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay of this point of the orchestration.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that stays silent while the orchestrator replays, so each message is written once.</summary>
    public ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    public ILogger CreateReplaySafeLogger(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new ReplaySafeLogger(this, LoggerFactory.CreateLogger(type));
    }

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T));

    private sealed class ReplaySafeLogger(TaskOrchestrationContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
