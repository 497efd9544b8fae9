namespace Soakline.Durable;

/// <summary>Options for starting an orchestration: a chosen instance id and a delayed start.</summary>
public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
