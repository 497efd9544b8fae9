namespace Soakline.Durable.Testing.History;

public sealed record TimerCreated(int TaskId, DateTimeOffset FireAt) : HistoryEvent, IActionEvent
{
    public string Describe() => $"TimerCreated #{TaskId} (fires at {FireAt:O})";
}
