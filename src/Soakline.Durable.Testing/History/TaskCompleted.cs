using Microsoft.DurableTask;

namespace Soakline.Durable.Testing.History;

public sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent, ICompletionEvent;
