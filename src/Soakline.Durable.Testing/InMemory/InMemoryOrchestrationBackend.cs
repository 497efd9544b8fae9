using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Durable.Testing.Runtime;

namespace Soakline.Durable.Testing.InMemory;

/// <summary>
/// A backend in process memory, for tests and the engine sample. Durable timers follow the injected
/// <see cref="TimeProvider"/>: with a <c>FakeTimeProvider</c> they fire when the test advances the clock.
/// </summary>
/// <remarks>
/// Each instance has an inbox; a worker locks an instance and takes its whole inbox as one batch. State writes carry
/// a version, the in-memory stand-in for an ETag: a commit against a version that changed underneath it (the
/// instance was recreated meanwhile) is not applied and its messages are redelivered.
/// </remarks>
public sealed class InMemoryOrchestrationBackend : IOrchestrationBackend, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, InstanceSlot> _instances = new(StringComparer.Ordinal);
    private readonly Queue<string> _readyInstances = new();
    private readonly SemaphoreSlim _orchestrationSignal = new(0);
    private readonly Queue<ActivityRequest> _activities = new();
    private readonly SemaphoreSlim _activitySignal = new(0);
    private readonly PriorityQueue<OrchestrationMessage, (DateTimeOffset DueAt, long Sequence)> _delayed = new();
    private readonly List<TaskCompletionSource> _idleWaiters = [];
    private long _sequence;
    private int _orchestrationsInFlight;
    private int _activitiesInFlight;
    private ITimer? _timer;
    private DateTimeOffset? _timerDueAt;

    public InMemoryOrchestrationBackend(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>When the earliest pending durable timer or delayed start is due, or null when none is pending.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_gate)
            {
                return _delayed.TryPeek(out _, out var key) ? key.DueAt : null;
            }
        }
    }

    public Task CreateInstanceAsync(OrchestrationInstanceState state, OrchestrationMessage startMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(startMessage);
        lock (_gate)
        {
            var slot = SlotFor(state.InstanceId);
            if (slot.State is { IsTerminal: false } existing)
            {
                throw new InvalidOperationException($"An orchestration with instance id '{state.InstanceId}' already exists and is {existing.Status}.");
            }

            slot.State = state;
            slot.Version++;
            Deliver(startMessage);
        }

        return Task.CompletedTask;
    }

    public Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            Deliver(message);
        }

        return Task.CompletedTask;
    }

    public Task<OrchestrationInstanceState?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var slot) ? slot.State : null);
        }
    }

    public Task<Page<OrchestrationInstanceState>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statuses = query.Statuses?.ToHashSet();
        List<OrchestrationInstanceState> matching;
        lock (_gate)
        {
            matching = [.. _instances.Values
                .Select(s => s.State)
                .OfType<OrchestrationInstanceState>()
                .Where(s => query.CreatedFrom is null || s.CreatedAt >= query.CreatedFrom)
                .Where(s => query.CreatedTo is null || s.CreatedAt <= query.CreatedTo)
                .Where(s => statuses is null || statuses.Count == 0 || statuses.Contains(s.Status))
                .Where(s => query.InstanceIdPrefix is null || s.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .OrderBy(s => s.CreatedAt)
                .ThenBy(s => s.InstanceId, StringComparer.Ordinal)];
        }

        return Task.FromResult(InstanceQueryPages.Slice(matching, query));
    }

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var slot) || slot.State is not { IsTerminal: true } || slot.Locked)
            {
                return Task.FromResult(false);
            }

            _instances.Remove(instanceId);
            return Task.FromResult(true);
        }
    }

    public async Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _orchestrationSignal.WaitAsync(cancellationToken);
            lock (_gate)
            {
                if (!_readyInstances.TryDequeue(out var instanceId) || !_instances.TryGetValue(instanceId, out var slot))
                {
                    continue;
                }

                slot.Queued = false;
                if (slot.Locked || slot.Inbox.Count == 0)
                {
                    continue;
                }

                slot.Locked = true;
                var messages = slot.Inbox.ToList();
                slot.Inbox.Clear();
                _orchestrationsInFlight++;
                return new OrchestrationWorkItem(instanceId, slot.State, messages) { Lease = slot.Version };
            }
        }
    }

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            var slot = SlotFor(workItem.InstanceId);
            if (!Equals(workItem.Lease, slot.Version))
            {
                // The instance was replaced while this step ran: redo the step against the new state.
                slot.Inbox.InsertRange(0, workItem.Messages);
            }
            else
            {
                if (result.NewState is not null)
                {
                    slot.State = result.NewState;
                    slot.Version++;
                }

                foreach (var message in result.OrchestrationMessages)
                {
                    Deliver(message);
                }

                foreach (var request in result.ActivityRequests)
                {
                    _activities.Enqueue(request);
                    _activitySignal.Release();
                }
            }

            Unlock(slot, workItem.InstanceId);
        }

        return Task.CompletedTask;
    }

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            var slot = SlotFor(workItem.InstanceId);
            slot.Inbox.InsertRange(0, workItem.Messages);
            Unlock(slot, workItem.InstanceId);
        }

        return Task.CompletedTask;
    }

    public async Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _activitySignal.WaitAsync(cancellationToken);
            lock (_gate)
            {
                if (_activities.TryDequeue(out var request))
                {
                    _activitiesInFlight++;
                    return new ActivityWorkItem(request);
                }
            }
        }
    }

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            _activitiesInFlight--;
            Deliver(result);
            SignalIdleIfIdle();
        }

        return Task.CompletedTask;
    }

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            _activitiesInFlight--;
            _activities.Enqueue(workItem.Request);
            _activitySignal.Release();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Completes when nothing is queued or running: every instance is waiting for a timer, an event, or is finished.
    /// This is the moment a test with a fake clock may advance it.
    /// </summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (IsIdle)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleWaiters.Add(waiter);
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }

        _orchestrationSignal.Dispose();
        _activitySignal.Dispose();
    }

    private bool IsIdle =>
        _readyInstances.Count == 0 && _orchestrationsInFlight == 0 && _activities.Count == 0 && _activitiesInFlight == 0;

    private InstanceSlot SlotFor(string instanceId)
    {
        if (!_instances.TryGetValue(instanceId, out var slot))
        {
            slot = new InstanceSlot();
            _instances[instanceId] = slot;
        }

        return slot;
    }

    private void Unlock(InstanceSlot slot, string instanceId)
    {
        slot.Locked = false;
        _orchestrationsInFlight--;
        if (slot.State is null && slot.Inbox.Count == 0)
        {
            _instances.Remove(instanceId); // Only dropped messages ever reached it.
        }

        MarkReady(slot, instanceId);
        SignalIdleIfIdle();
    }

    private void Deliver(OrchestrationMessage message)
    {
        if (message.VisibleAt is { } visibleAt && visibleAt > _timeProvider.GetUtcNow())
        {
            _delayed.Enqueue(message, (visibleAt, _sequence++));
            ArmTimer();
            return;
        }

        var slot = SlotFor(message.TargetInstanceId);
        slot.Inbox.Add(message);
        MarkReady(slot, message.TargetInstanceId);
    }

    private void MarkReady(InstanceSlot slot, string instanceId)
    {
        if (!slot.Locked && !slot.Queued && slot.Inbox.Count > 0)
        {
            slot.Queued = true;
            _readyInstances.Enqueue(instanceId);
            _orchestrationSignal.Release();
        }
    }

    private void ArmTimer()
    {
        while (_delayed.TryPeek(out _, out var key) && key.DueAt <= _timeProvider.GetUtcNow())
        {
            var due = _delayed.Dequeue();
            Deliver(due with { VisibleAt = null });
        }

        if (!_delayed.TryPeek(out _, out var next))
        {
            _timer?.Dispose();
            _timer = null;
            _timerDueAt = null;
            return;
        }

        if (_timerDueAt == next.DueAt && _timer is not null)
        {
            return;
        }

        _timer?.Dispose();
        _timerDueAt = next.DueAt;
        _timer = _timeProvider.CreateTimer(_ => OnTimerElapsed(), null, next.DueAt - _timeProvider.GetUtcNow(), Timeout.InfiniteTimeSpan);
    }

    private void OnTimerElapsed()
    {
        lock (_gate)
        {
            _timerDueAt = null;
            ArmTimer();
            SignalIdleIfIdle();
        }
    }

    private void SignalIdleIfIdle()
    {
        if (!IsIdle || _idleWaiters.Count == 0)
        {
            return;
        }

        foreach (var waiter in _idleWaiters)
        {
            waiter.TrySetResult();
        }

        _idleWaiters.Clear();
    }

    private sealed class InstanceSlot
    {
        public OrchestrationInstanceState? State { get; set; }

        public List<OrchestrationMessage> Inbox { get; } = [];

        public bool Locked { get; set; }

        public bool Queued { get; set; }

        public long Version { get; set; }
    }
}
