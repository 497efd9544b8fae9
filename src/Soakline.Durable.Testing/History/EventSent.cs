namespace Soakline.Durable.Testing.History;

/// <summary>This orchestrator sent an event to another instance.</summary>
public sealed record EventSent(int TaskId, string InstanceId, string Name, string? Input) : HistoryEvent, IActionEvent
{
    public string Describe() => $"EventSent #{TaskId} (event '{Name}' to instance '{InstanceId}')";
}
