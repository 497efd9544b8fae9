using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Soakline.Durable.Testing.History;
using Soakline.Durable.Testing.Runtime;
using Soakline.Durable.Testing.Serialization;

namespace Soakline.Durable.Testing.Replay;

/// <summary>
/// Runs one orchestration step: replays the recorded history through fresh orchestrator code (checking that the code
/// takes the same actions), then delivers the new events, and reports the new actions and whether it finished.
/// Storage-independent and synchronous: the same executor serves every backend.
/// </summary>
internal static class OrchestrationExecutor
{
    public static ExecutionOutcome Execute(ExecutionRequest request)
    {
        var scheduler = new DeterministicTaskScheduler();
        var context = new ReplayOrchestrationContext(request, scheduler);
        Task<object?>? run = null;
        var unprocessed = new List<EventRaised>();

        var events = request.PastEvents.Select(e => (Event: e, Past: true)).Concat(request.NewEvents.Select(e => (Event: e, Past: false)));
        foreach (var (historyEvent, past) in events)
        {
            if (run is { IsCompleted: true })
            {
                // The orchestrator returned before this event; events not consumed may carry over on ContinueAsNew.
                if (!past && historyEvent is EventRaised late)
                {
                    unprocessed.Add(late);
                }

                continue;
            }

            context.IsReplayingHistory = past;
            switch (historyEvent)
            {
                case OrchestratorStarted:
                    context.CurrentTimestamp = historyEvent.Timestamp;
                    break;
                case ExecutionStarted started:
                    context.SerializedInput = started.Input;
                    var input = DurablePayloads.Read(request.Converter, started.Input, request.Orchestrator.InputType, $"input of orchestrator '{request.Name}'");
                    run = scheduler.Start(() => request.Orchestrator.RunAsync(context, input));
                    break;
                case IActionEvent recorded:
                    context.MatchRecordedAction(recorded);
                    break;
                case ICompletionEvent completion:
                    context.Complete(completion);
                    break;
                case EventRaised raised:
                    context.DeliverEvent(raised);
                    break;
            }

            scheduler.RunUntilIdle();
        }

        if (run is null)
        {
            throw new InvalidOperationException($"Instance '{request.InstanceId}' has no ExecutionStarted event to run.");
        }

        if (!run.IsCompleted && !context.HasPendingDurableWork)
        {
            // Nothing in history can ever resume it: the code awaited Task.Delay, I/O, or a task from another thread.
            throw new NonDurableAwaitException(
                $"Orchestrator '{request.Name}' (instance '{request.InstanceId}') is waiting for something that is not a durable task "
                + "(such as Task.Delay, I/O, or Task.Run). Orchestrators may only await the context's activities, timers, "
                + "sub-orchestrations and external events (see docs/engine.md).");
        }

        var completionResult = run.IsCompleted ? Finish(run, context, unprocessed, request.Converter) : null;

        // A finished orchestration leaves its open timers behind: nothing will ever await them.
        var newActions = context.UnmatchedActions
            .Where(a => completionResult is null || a is not CreateTimerAction)
            .ToList();
        return new ExecutionOutcome(newActions, completionResult, context.SerializedCustomStatus);
    }

    private static OrchestrationCompletion Finish(Task<object?> run, ReplayOrchestrationContext context, List<EventRaised> unprocessed, DataConverter converter)
    {
        object? output;
        try
        {
            output = run.GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // Any exception escaping orchestrator code fails the orchestration; that is the contract.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new OrchestrationFailed(TaskFailures.FromException(ex));
        }

        if (context.ContinueAsNewRequested is { } restart)
        {
            var carried = restart.PreserveUnprocessedEvents ? context.BufferedEvents.Concat(unprocessed).ToList() : [];
            return new OrchestrationContinuedAsNew(restart.Input, carried);
        }

        return new OrchestrationSucceeded(converter.Serialize(output));
    }
}

/// <summary>Everything the executor needs for one step.</summary>
internal sealed record ExecutionRequest(
    ITaskOrchestrator Orchestrator,
    TaskName Name,
    string InstanceId,
    ParentInstanceInfo? Parent,
    string? CustomStatus,
    IReadOnlyList<HistoryEvent> PastEvents,
    IReadOnlyList<HistoryEvent> NewEvents,
    ILoggerFactory LoggerFactory,
    DataConverter Converter);

/// <summary>The actions the step took that history does not have yet, and how the orchestration ended, if it did.</summary>
internal sealed record ExecutionOutcome(IReadOnlyList<OrchestratorAction> NewActions, OrchestrationCompletion? Completion, string? CustomStatus);

internal abstract record OrchestrationCompletion;

internal sealed record OrchestrationSucceeded(string? Output) : OrchestrationCompletion;

internal sealed record OrchestrationFailed(TaskFailureDetails Failure) : OrchestrationCompletion;

internal sealed record OrchestrationContinuedAsNew(string? Input, IReadOnlyList<EventRaised> CarriedEvents) : OrchestrationCompletion;
