using Microsoft.DurableTask;

namespace Soakline.Durable.Testing.History;

public sealed record TaskScheduled(int TaskId, string Name, string? Input) : HistoryEvent, IActionEvent
{
    public string Describe() => $"TaskScheduled #{TaskId} (activity '{Name}')";
}

public sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent, ICompletionEvent;

public sealed record TaskFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent, ICompletionEvent;
