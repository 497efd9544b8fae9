using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Testing.History;

/// <summary>The parent of a sub-orchestration, and the task id under which it awaits the child.</summary>
public sealed record ParentInstanceInfo(string Name, string InstanceId, string ExecutionId, int TaskScheduledId);
