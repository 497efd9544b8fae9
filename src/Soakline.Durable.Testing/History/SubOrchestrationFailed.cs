using Microsoft.DurableTask;

namespace Soakline.Durable.Testing.History;

public sealed record SubOrchestrationFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent, ICompletionEvent;
