using Microsoft.DurableTask;

namespace Soakline.Durable.Testing.History;

public sealed record TaskScheduled(int TaskId, string Name, string? Input) : HistoryEvent, IActionEvent
{
    public string Describe() => $"TaskScheduled #{TaskId} (activity '{Name}')";
}
