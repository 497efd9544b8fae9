namespace Soakline.Durable.Testing.History;

/// <summary>An external event delivered to this instance. <see cref="MessageId"/> lets a redelivery be recognised.</summary>
public sealed record EventRaised(string Name, string? Input, string? MessageId = null) : HistoryEvent;

/// <summary>This orchestrator sent an event to another instance.</summary>
public sealed record EventSent(int TaskId, string InstanceId, string Name, string? Input) : HistoryEvent, IActionEvent
{
    public string Describe() => $"EventSent #{TaskId} (event '{Name}' to instance '{InstanceId}')";
}
