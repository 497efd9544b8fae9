using Soakline.Durable.History;
using Soakline.Durable.Runtime;
using Soakline.Durable.Serialization;

namespace Soakline.Durable;

/// <summary>The <see cref="DurableTaskClient"/> for any <see cref="IOrchestrationBackend"/>.</summary>
public sealed class BackendDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromMilliseconds(200);

    private readonly IOrchestrationBackend _backend;
    private readonly TimeProvider _timeProvider;

    public BackendDurableTaskClient(IOrchestrationBackend backend, TimeProvider timeProvider, string name = "default")
        : base(name)
    {
        _backend = backend;
        _timeProvider = timeProvider;
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(orchestratorName.Name))
        {
            throw new ArgumentNullException(nameof(orchestratorName), "An orchestrator name is required.");
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId, nameof(options));
        var now = _timeProvider.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var serializedInput = DurableJson.Serialize(input);
        var startAt = options?.StartAt is { } at && at > now ? at : (DateTimeOffset?)null;

        var state = new OrchestrationInstanceState
        {
            InstanceId = instanceId,
            ExecutionId = executionId,
            Name = orchestratorName.Name,
            Status = OrchestrationRuntimeStatus.Pending,
            Input = serializedInput,
            CreatedAt = now,
            LastUpdatedAt = now,
        };
        var start = OrchestrationMessage.Create(instanceId, executionId, new ExecutionStarted(orchestratorName.Name, serializedInput, null, startAt) { Timestamp = now }, startAt);
        await _backend.CreateInstanceAsync(state, start, cancellation);
        return instanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var messageId = Guid.NewGuid().ToString("N");
        var raised = new EventRaised(eventName, DurableJson.Serialize(eventPayload), messageId) { Timestamp = _timeProvider.GetUtcNow() };
        return _backend.SendMessageAsync(new OrchestrationMessage(messageId, instanceId, null, raised), cancellation);
    }

    public override Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new ExecutionTerminated(DurableJson.Serialize(output)), cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new ExecutionSuspended(reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new ExecutionResumed(reason), cancellation);

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        var state = await _backend.GetInstanceAsync(instanceId, cancellation);
        return state?.ToMetadata(getInputsAndOutputs);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var query = filter ?? new OrchestrationQuery();
        if (query.PageSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(filter), query.PageSize, "PageSize must be positive.");
        }

        return AsyncPageable<OrchestrationMetadata>.Create((token, pageSize, cancellation) =>
            _backend.QueryInstancesAsync(query with { ContinuationToken = token ?? query.ContinuationToken, PageSize = pageSize ?? query.PageSize }, cancellation));
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        return new PurgeResult(await _backend.PurgeInstanceAsync(instanceId, cancellation) ? 1 : 0);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task SendControlAsync(string instanceId, HistoryEvent control, CancellationToken cancellation)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        return _backend.SendMessageAsync(OrchestrationMessage.Create(instanceId, null, control with { Timestamp = _timeProvider.GetUtcNow() }), cancellation);
    }

    // Polls on real time, deliberately: a test's fake clock drives durable timers, not how often a client looks.
    private async Task<OrchestrationMetadata> PollUntilAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        var delay = FirstPollDelay;
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is not null && done(metadata))
            {
                return metadata;
            }

            await Task.Delay(delay, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollDelay.Ticks));
        }
    }
}
