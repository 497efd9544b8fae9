using Microsoft.DurableTask;

namespace Soakline.Durable.Testing.History;

public sealed record SubOrchestrationCreated(int TaskId, string Name, string InstanceId, string? Input) : HistoryEvent, IActionEvent
{
    public string Describe() => $"SubOrchestrationCreated #{TaskId} (orchestrator '{Name}', instance '{InstanceId}')";
}
