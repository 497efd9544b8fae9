using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Soakline.Durable.Testing.History;
using Soakline.Durable.Testing.Runtime;

namespace Soakline.Durable.Testing;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over an <see cref="IOrchestrationBackend"/>. The SDK builds it with
/// <c>UseBuildTarget</c>; payloads use <see cref="DurableTaskClientOptions.DataConverter"/>, which is also set on
/// every <see cref="OrchestrationMetadata"/> it returns, so <c>ReadOutputAs</c> and friends read what was written.
/// </summary>
public sealed class BackendDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromMilliseconds(200);

    private readonly IOrchestrationBackend _backend;
    private readonly TimeProvider _timeProvider;
    private readonly DataConverter _converter;

    public BackendDurableTaskClient(string name, IOrchestrationBackend backend, TimeProvider timeProvider, IOptionsMonitor<DurableTaskClientOptions> options)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        _backend = backend;
        _timeProvider = timeProvider;
        _converter = options.Get(name).DataConverter;
    }

    /// <summary>
    /// Creates an instance in the Pending state and queues its start. Throws <see cref="InvalidOperationException"/>
    /// when an instance with the same id exists and is not in a terminal state (or is in one of the
    /// <see cref="StartOrchestrationOptions.DedupeStatuses"/>); another terminal one is replaced.
    /// </summary>
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
        if (options?.DedupeStatuses is { Count: > 0 } dedupe && await GetInstanceAsync(instanceId, cancellation) is { } existing
            && dedupe.Contains(existing.RuntimeStatus.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"An orchestration with instance id '{instanceId}' already exists and is {existing.RuntimeStatus}.");
        }

        var now = _timeProvider.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var serializedInput = _converter.Serialize(input);
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

    /// <summary>Queues an event for an instance; events for a finished or unknown instance are discarded.</summary>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var messageId = Guid.NewGuid().ToString("N");
        var raised = new EventRaised(eventName, _converter.Serialize(eventPayload), messageId) { Timestamp = _timeProvider.GetUtcNow() };
        return _backend.SendMessageAsync(new OrchestrationMessage(messageId, instanceId, null, raised), cancellation);
    }

    /// <summary>Queues termination; the instance's output becomes <see cref="TerminateInstanceOptions.Output"/>.</summary>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (options is { Recursive: true })
        {
            throw new NotSupportedException("Recursive termination is not supported: terminate the sub-orchestrations by id.");
        }

        return SendControlAsync(instanceId, new ExecutionTerminated(_converter.Serialize(options?.Output)), cancellation);
    }

    /// <summary>Suspends an instance: messages for it are held, not processed, until it is resumed.</summary>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new ExecutionSuspended(reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new ExecutionResumed(reason), cancellation);

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        var state = await _backend.GetInstanceAsync(instanceId, cancellation);
        return state?.ToMetadata(getInputsAndOutputs, _converter);
    }

    /// <summary>Waits until the instance has left the Pending state.</summary>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <summary>Waits until the instance is completed, failed or terminated; bound it with <paramref name="cancellation"/>.</summary>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var query = filter ?? new OrchestrationQuery();
        if (query.PageSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(filter), query.PageSize, "PageSize must be positive.");
        }

        return Pageable.Create<OrchestrationMetadata>(async (token, pageSize, cancellation) =>
        {
            var page = await _backend.QueryInstancesAsync(query with { ContinuationToken = token ?? query.ContinuationToken, PageSize = pageSize ?? query.PageSize }, cancellation);
            return new Page<OrchestrationMetadata>([.. page.Values.Select(s => s.ToMetadata(query.FetchInputsAndOutputs, _converter))], page.ContinuationToken);
        });
    }

    /// <summary>Deletes a terminal instance and its history; a running or unknown one is left alone (count 0).</summary>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
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
