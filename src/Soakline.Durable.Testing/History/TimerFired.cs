namespace Soakline.Durable.Testing.History;

public sealed record TimerFired(int TimerId, DateTimeOffset FireAt) : HistoryEvent, ICompletionEvent
{
    public int TaskScheduledId => TimerId;
}
