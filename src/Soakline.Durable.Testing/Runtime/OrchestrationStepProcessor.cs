using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Logging;
using Soakline.Durable.Testing.History;
using Soakline.Durable.Testing.Replay;
using Soakline.Durable.Testing.Serialization;

namespace Soakline.Durable.Testing.Runtime;

/// <summary>
/// Turns one locked batch of messages for an instance into its next committed state: starts, terminations,
/// suspensions; drops duplicates and stale messages; runs the orchestrator over the new events; and lists the
/// messages and activity requests to send once the step is committed. Every backend uses this same code.
/// Orchestrators come from the SDK's task factory, one fresh instance per step.
/// </summary>
public sealed class OrchestrationStepProcessor
{
    private readonly IDurableTaskFactory _tasks;
    private readonly string _registeredNames;
    private readonly IServiceProvider _services;
    private readonly DataConverter _converter;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    /// <param name="registeredNames">The orchestrators <paramref name="tasks"/> knows, named when an unknown one is asked for.</param>
    public OrchestrationStepProcessor(
        IDurableTaskFactory tasks, IEnumerable<string> registeredNames, IServiceProvider services, DataConverter converter, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _tasks = tasks;
        _registeredNames = TaskFailures.DescribeRegistered(registeredNames);
        _services = services;
        _converter = converter;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<OrchestrationStepProcessor>();
    }

    public OrchestrationStepResult Process(OrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var step = new StepState(workItem.InstanceId, workItem.State, _timeProvider.GetUtcNow());
        var pending = new LinkedList<OrchestrationMessage>(workItem.Messages);
        while (pending.First is { } node)
        {
            pending.RemoveFirst();
            Apply(step, node.Value, pending);
        }

        // Events accepted before a suspension in the same batch still run: only later messages are held.
        if (step.State is { IsTerminal: false } && step.NewEvents.Count > 0)
        {
            RunOrchestrator(step);
        }

        return step.ToResult();
    }

    private void Apply(StepState step, OrchestrationMessage message, LinkedList<OrchestrationMessage> pending)
    {
        switch (message.Event)
        {
            case ExecutionStarted started:
                ApplyStart(step, message, started, pending);
                break;
            case ExecutionTerminated terminated:
                ApplyTerminate(step, terminated);
                break;
            case ExecutionSuspended suspended when step.State is { IsTerminal: false, Status: not OrchestrationRuntimeStatus.Suspended }:
                step.Record(suspended with { Timestamp = step.Now });
                step.State = step.State with { Status = OrchestrationRuntimeStatus.Suspended };
                break;
            case ExecutionResumed resumed when step.State is { Status: OrchestrationRuntimeStatus.Suspended }:
                step.Record(resumed with { Timestamp = step.Now });
                step.State = step.State with { Status = OrchestrationRuntimeStatus.Running };
                step.ReleaseHeldMessagesInto(pending);
                break;
            case ExecutionSuspended or ExecutionResumed:
                break; // Suspending a suspended instance, or resuming a running one, changes nothing.
            default:
                ApplyOrdinary(step, message);
                break;
        }
    }

    private void ApplyStart(StepState step, OrchestrationMessage message, ExecutionStarted started, LinkedList<OrchestrationMessage> pending)
    {
        var state = step.State;
        var executionId = message.TargetExecutionId ?? Guid.NewGuid().ToString("N");
        var sameExecution = state is not null && string.Equals(state.ExecutionId, executionId, StringComparison.Ordinal);

        if (state is null || (state.IsTerminal && !sameExecution) || (sameExecution && !step.HasStarted))
        {
            step.BeginExecution(executionId, started, keepCreatedAt: sameExecution);
            step.ReleaseHeldMessagesInto(pending);
            return;
        }

        if (sameExecution)
        {
            return; // A redelivered start.
        }

        // A sub-orchestration whose instance id is taken by a live instance: tell the parent instead of clobbering it.
        _logger.LogWarning("Instance {InstanceId} is {Status}; start of a new execution for {Parent} refused.", state.InstanceId, state.Status, started.Parent?.InstanceId);
        if (started.Parent is { } parent)
        {
            step.Send(OrchestrationMessage.Create(parent.InstanceId, parent.ExecutionId, new SubOrchestrationFailed(
                parent.TaskScheduledId,
                new TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"An orchestration with instance id '{state.InstanceId}' already exists and is {state.Status}.", null, null, null))
            {
                Timestamp = step.Now,
            }));
        }
    }

    private static void ApplyTerminate(StepState step, ExecutionTerminated terminated)
    {
        if (step.State is not { IsTerminal: false } state)
        {
            return;
        }

        step.NewEvents.Clear();
        step.Record(terminated with { Timestamp = step.Now });
        step.State = state with { Status = OrchestrationRuntimeStatus.Terminated, Output = terminated.Output, HeldMessages = [] };
        step.NotifyParent(new TaskFailureDetails("Terminated", $"The sub-orchestration '{state.InstanceId}' was terminated.", null, null, null));
    }

    private void ApplyOrdinary(StepState step, OrchestrationMessage message)
    {
        if (step.State is not { } state || state.IsTerminal)
        {
            _logger.LogDebug("Dropped {Event} for {InstanceId}: the instance does not exist or has finished.", message.Event.GetType().Name, message.TargetInstanceId);
            return;
        }

        if (message.TargetExecutionId is { } target && !string.Equals(target, state.ExecutionId, StringComparison.Ordinal))
        {
            return; // For an execution that has since continued as new or been replaced.
        }

        if (state.Status == OrchestrationRuntimeStatus.Suspended || !step.HasStarted)
        {
            step.Hold(message);
            return;
        }

        if (step.IsDuplicateOrUnknown(message.Event))
        {
            _logger.LogDebug("Dropped duplicate {Event} for {InstanceId}.", message.Event.GetType().Name, message.TargetInstanceId);
            return;
        }

        step.AcceptNewEvent(message.Event.Timestamp == default ? message.Event with { Timestamp = step.Now } : message.Event);
    }

    private void RunOrchestrator(StepState step)
    {
        var state = step.State!;
        var stepEvents = new List<HistoryEvent>(step.NewEvents.Count + 1) { new OrchestratorStarted { Timestamp = step.Now } };
        stepEvents.AddRange(step.NewEvents);
        step.NewEvents.Clear();

        if (!_tasks.TryCreateOrchestrator(new TaskName(state.Name), _services, out var orchestrator))
        {
            step.RecordAll(stepEvents);
            step.Finish(new OrchestrationFailed(new TaskFailureDetails(
                TaskFailures.OrchestratorNotFound, $"No orchestrator named '{state.Name}' is registered with this worker (registered: {_registeredNames}).", null, null, null)));
            return;
        }

        ExecutionOutcome outcome;
        try
        {
            outcome = OrchestrationExecutor.Execute(new ExecutionRequest(
                orchestrator, state.Name, state.InstanceId, state.Parent, state.CustomStatus, step.History, stepEvents, _loggerFactory, _converter));
        }
        catch (Exception ex) when (ex is NonDeterministicOrchestrationException or NonDurableAwaitException or PayloadDeserializationException)
        {
            _logger.LogError(ex, "Orchestration {InstanceId} failed: {Reason}", state.InstanceId, ex.Message);
            step.RecordAll(stepEvents);
            step.Finish(new OrchestrationFailed(TaskFailures.FromException(ex)));
            return;
        }

        step.RecordAll(stepEvents);
        step.State = step.State! with { CustomStatus = outcome.CustomStatus };
        foreach (var action in outcome.NewActions)
        {
            step.Record(action.ToHistoryEvent(step.Now));
            step.Dispatch(action);
        }

        if (outcome.Completion is { } completion)
        {
            step.Finish(completion);
        }
    }

    /// <summary>The state of the instance while one work item is being processed.</summary>
    private sealed class StepState
    {
        private readonly HashSet<int> _scheduledTaskIds = [];
        private readonly HashSet<int> _completedTaskIds = [];
        private readonly HashSet<string> _eventMessageIds = new(StringComparer.Ordinal);
        private readonly List<HistoryEvent> _appended = [];
        private readonly List<OrchestrationMessage> _messages = [];
        private readonly List<ActivityRequest> _activities = [];
        private List<OrchestrationMessage> _held;
        private bool _historyReplaced;

        public StepState(string instanceId, OrchestrationInstanceState? state, DateTimeOffset now)
        {
            InstanceId = instanceId;
            State = state;
            Now = now;
            History = [.. state?.History ?? []];
            _held = [.. state?.HeldMessages ?? []];
            foreach (var e in History)
            {
                Index(e);
            }
        }

        public string InstanceId { get; }

        public OrchestrationInstanceState? State { get; set; }

        public DateTimeOffset Now { get; }

        public List<HistoryEvent> History { get; private set; }

        public List<HistoryEvent> NewEvents { get; } = [];

        public bool HasStarted => History.Any(e => e is ExecutionStarted) || NewEvents.Any(e => e is ExecutionStarted);

        public void BeginExecution(string executionId, ExecutionStarted started, bool keepCreatedAt)
        {
            var previous = State;
            State = new OrchestrationInstanceState
            {
                InstanceId = InstanceId,
                ExecutionId = executionId,
                Name = started.Name,
                Status = OrchestrationRuntimeStatus.Running,
                Input = started.Input,
                CreatedAt = keepCreatedAt && previous is not null ? previous.CreatedAt : Now,
                LastUpdatedAt = Now,
                Parent = started.Parent,
            };
            if (!keepCreatedAt)
            {
                _held = [];
            }

            History = [];
            NewEvents.Clear();
            _appended.Clear();
            _historyReplaced = true;
            _scheduledTaskIds.Clear();
            _completedTaskIds.Clear();
            _eventMessageIds.Clear();
            NewEvents.Add(started with { Timestamp = Now });
        }

        public void Hold(OrchestrationMessage message) => _held.Add(message);

        public void ReleaseHeldMessagesInto(LinkedList<OrchestrationMessage> pending)
        {
            for (var i = _held.Count - 1; i >= 0; i--)
            {
                pending.AddFirst(_held[i]);
            }

            _held.Clear();
        }

        public bool IsDuplicateOrUnknown(HistoryEvent e) => e switch
        {
            ICompletionEvent c => !_scheduledTaskIds.Contains(c.TaskScheduledId) || _completedTaskIds.Contains(c.TaskScheduledId),
            EventRaised { MessageId: { } id } => _eventMessageIds.Contains(id),
            _ => false,
        };

        public void AcceptNewEvent(HistoryEvent e)
        {
            NewEvents.Add(e);
            Index(e);
        }

        public void Record(HistoryEvent e)
        {
            History.Add(e);
            _appended.Add(e);
            Index(e);
        }

        public void RecordAll(IEnumerable<HistoryEvent> events)
        {
            foreach (var e in events)
            {
                Record(e);
            }
        }

        public void Send(OrchestrationMessage message) => _messages.Add(message);

        public void Dispatch(OrchestratorAction action)
        {
            var state = State!;
            switch (action)
            {
                case ScheduleActivityAction activity:
                    _activities.Add(ActivityRequest.Create(state.InstanceId, state.ExecutionId, activity.TaskId, activity.Name, activity.Input));
                    break;
                case CreateTimerAction timer:
                    Send(OrchestrationMessage.Create(state.InstanceId, state.ExecutionId, new TimerFired(timer.TaskId, timer.FireAt) { Timestamp = timer.FireAt }, timer.FireAt));
                    break;
                case CallSubOrchestratorAction sub:
                    var parent = new ParentInstanceInfo(state.Name, state.InstanceId, state.ExecutionId, sub.TaskId);
                    Send(OrchestrationMessage.Create(sub.InstanceId, Guid.NewGuid().ToString("N"), new ExecutionStarted(sub.Name, sub.Input, parent) { Timestamp = Now }));
                    break;
                case SendEventAction sent:
                    var eventMessageId = Guid.NewGuid().ToString("N");
                    Send(new OrchestrationMessage(eventMessageId, sent.InstanceId, null, new EventRaised(sent.Name, sent.Input, eventMessageId) { Timestamp = Now }));
                    break;
            }
        }

        public void Finish(OrchestrationCompletion completion)
        {
            var state = State!;
            switch (completion)
            {
                case OrchestrationSucceeded succeeded:
                    Record(new ExecutionCompleted(OrchestrationRuntimeStatus.Completed, succeeded.Output, null) { Timestamp = Now });
                    State = state with { Status = OrchestrationRuntimeStatus.Completed, Output = succeeded.Output, HeldMessages = [] };
                    if (state.Parent is { } parent)
                    {
                        Send(OrchestrationMessage.Create(parent.InstanceId, parent.ExecutionId, new SubOrchestrationCompleted(parent.TaskScheduledId, succeeded.Output) { Timestamp = Now }));
                    }

                    break;
                case OrchestrationFailed failed:
                    Record(new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, failed.Failure) { Timestamp = Now });
                    State = state with { Status = OrchestrationRuntimeStatus.Failed, FailureDetails = failed.Failure, HeldMessages = [] };
                    NotifyParent(failed.Failure);
                    break;
                case OrchestrationContinuedAsNew restart:
                    var executionId = Guid.NewGuid().ToString("N");
                    State = state with
                    {
                        ExecutionId = executionId,
                        Status = OrchestrationRuntimeStatus.Running,
                        Input = restart.Input,
                        Output = null,
                        FailureDetails = null,
                    };
                    History = [];
                    _appended.Clear();
                    _historyReplaced = true;
                    Send(OrchestrationMessage.Create(state.InstanceId, executionId, new ExecutionStarted(state.Name, restart.Input, state.Parent) { Timestamp = Now }));
                    foreach (var carried in restart.CarriedEvents)
                    {
                        Send(OrchestrationMessage.Create(state.InstanceId, executionId, carried));
                    }

                    break;
            }
        }

        public void NotifyParent(TaskFailureDetails failure)
        {
            if (State?.Parent is { } parent)
            {
                Send(OrchestrationMessage.Create(parent.InstanceId, parent.ExecutionId, new SubOrchestrationFailed(parent.TaskScheduledId, failure) { Timestamp = Now }));
            }
        }

        public OrchestrationStepResult ToResult()
        {
            if (State is null)
            {
                return OrchestrationStepResult.Unchanged(null);
            }

            var changed = _historyReplaced || _appended.Count > 0 || _messages.Count > 0 || _activities.Count > 0
                || !_held.SequenceEqual(State.HeldMessages);
            var newState = State with
            {
                History = History,
                HeldMessages = _held,
                LastUpdatedAt = changed ? Now : State.LastUpdatedAt,
            };
            return new OrchestrationStepResult(newState, _appended, _historyReplaced, _messages, _activities);
        }

        private void Index(HistoryEvent e)
        {
            switch (e)
            {
                case IActionEvent action:
                    _scheduledTaskIds.Add(action.TaskId);
                    break;
                case ICompletionEvent completion:
                    _completedTaskIds.Add(completion.TaskScheduledId);
                    break;
                case EventRaised { MessageId: { } id }:
                    _eventMessageIds.Add(id);
                    break;
            }
        }
    }
}
