using Microsoft.DurableTask;

namespace Soakline.Durable.Testing.History;

public sealed record TaskFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent, ICompletionEvent;
