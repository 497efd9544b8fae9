using Microsoft.DurableTask;

namespace Soakline.Durable.Testing.History;

public sealed record SubOrchestrationCompleted(int TaskScheduledId, string? Result) : HistoryEvent, ICompletionEvent;
