namespace Soakline.Durable.Testing.Runtime;

/// <summary>A request to run one activity for one orchestration step; its result goes back as a control message.</summary>
public sealed record ActivityRequest(
    string MessageId,
    string InstanceId,
    string ExecutionId,
    int TaskId,
    string Name,
    string? Input)
{
    public static ActivityRequest Create(string instanceId, string executionId, int taskId, string name, string? input) =>
        new(Guid.NewGuid().ToString("N"), instanceId, executionId, taskId, name, input);
}
