using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Functions.Tests.Functions;

/// <summary>
/// A DurableTaskClient that records starts and answers instance queries from a dictionary. Starting an id it already
/// started is refused, as Durable Functions refuses it for a running instance (overridableExistingInstanceStates:
/// NonRunningStates).
/// </summary>
internal sealed class RecordingDurableTaskClient() : DurableTaskClient("test")
{
    public List<(TaskName Name, object? Input, string InstanceId)> Started { get; } = [];

    public Dictionary<string, OrchestrationMetadata> Instances { get; } = [];

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? $"instance-{Started.Count + 1}";
        if (Started.Any(s => s.InstanceId == id))
        {
            throw new InvalidOperationException($"An instance with ID '{id}' already exists.");
        }

        Started.Add((orchestratorName, input, id));
        return Task.FromResult(id);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => Task.FromResult(Instances.GetValueOrDefault(instanceId));

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
