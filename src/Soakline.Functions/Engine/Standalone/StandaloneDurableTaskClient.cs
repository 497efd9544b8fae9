using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CorePurgeInstanceFilter = DurableTask.Core.PurgeInstanceFilter;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over DTFx's <see cref="TaskHubClient"/> and the Azure Storage provider's
/// query API, so the app has one client type whether it runs standalone or as a Functions isolated worker. Built by
/// the SDK's client builder (<c>AddDurableTaskClient(b =&gt; b.UseStandaloneEngine())</c>).
/// </summary>
/// <remarks>
/// Payloads use the client options' <see cref="DataConverter"/> (the same one the worker uses).
/// </remarks>
internal sealed class StandaloneDurableTaskClient : DurableTaskClient
{
    private readonly TaskHubConnection _connection;
    private readonly DataConverter _converter;
    private readonly RegisteredTaskNames _registered;
    private readonly InstanceStatusPoller _poller;
    private readonly TaskHubClient _hubClient;
    private readonly SemaphoreSlim[] _startGates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public StandaloneDurableTaskClient(
        string name,
        TaskHubConnection connection,
        IOptionsMonitor<DurableTaskClientOptions> clientOptions,
        IOptionsMonitor<DurableTaskRegistry> registries,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        ArgumentNullException.ThrowIfNull(registries);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _converter = clientOptions.Get(Name).DataConverter;

        // The registry of the worker with the same name, if this process has one; a client-only process sees an empty
        // registry and lets the worker that runs the hub judge the names.
        _registered = RegisteredTaskNames.From(registries.Get(Name));
        _poller = new InstanceStatusPoller(timeProvider, connection.ClientPollingMaxInterval);
        _hubClient = new TaskHubClient(connection.Service, new SdkPayloadConverter(_converter), loggerFactory);
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(orchestratorName.Name))
        {
            throw new ArgumentException("An orchestrator name is required.", nameof(orchestratorName));
        }

        if (_registered.HasOrchestrators && !_registered.HasOrchestrator(orchestratorName))
        {
            throw new ArgumentException(
                $"{_registered.UnknownOrchestratorMessage(orchestratorName)} Nothing here could run the instance, so it was not started.",
                nameof(orchestratorName));
        }

        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N");
        var version = options?.Version?.Version ?? string.Empty;
        var tags = options?.Tags is { Count: > 0 } given ? new Dictionary<string, string>(given) : null;
        var refuseWhen = RefusedStatuses(options);

        // The provider checks for a live instance and then writes the new one in two calls, so two starts of one id
        // racing in this process could both pass the check; one gate per id (striped) makes the later one see the
        // earlier one's Pending row and be refused. Starts from different processes can still race (docs/engine.md).
        var gate = _startGates[(instanceId.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % _startGates.Length];
        await gate.WaitAsync(cancellation);
        try
        {
            if (options?.StartAt is { } startAt)
            {
                await _hubClient.CreateOrchestrationInstanceAsync(orchestratorName.Name, version, instanceId, input, tags, refuseWhen, startAt.UtcDateTime);
            }
            else
            {
                await _hubClient.CreateOrchestrationInstanceAsync(orchestratorName.Name, version, instanceId, input, tags, refuseWhen);
            }
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            // The provider's message names the status but not the id.
            throw new InvalidOperationException(
                $"An orchestration with instance id '{instanceId}' already exists and has not finished; it was not started again. {ex.Message}", ex);
        }
        finally
        {
            gate.Release();
        }

        return instanceId;
    }

    /// <summary>
    /// Sends an event. DTFx itself would queue an event for a missing or finished instance and the worker would drop it
    /// silently; like Durable Functions on Azure Storage, this client reads the status first and refuses instead (an
    /// instance that finishes between the read and the send still drops the event).
    /// </summary>
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has finished.</exception>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var state = await ReadStateAsync(instanceId, fetchPayloads: false, cancellation)
            ?? throw new ArgumentException($"No orchestration instance with id '{instanceId}' exists; event '{eventName}' was not sent.", nameof(instanceId));
        if (OrchestrationStateMapper.IsTerminal(state.OrchestrationStatus))
        {
            throw new InvalidOperationException(
                $"Orchestration '{instanceId}' is {state.OrchestrationStatus} and takes no more events; event '{eventName}' was not sent.");
        }

        await _hubClient.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, eventPayload!);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await _poller.WaitAsync(
            ct => ReadStateAsync(instanceId, getInputsAndOutputs, ct),
            s => s.OrchestrationStatus != OrchestrationStatus.Pending,
            () => NoSuchInstance(instanceId),
            cancellation);
        return await ToMetadataAsync(state, getInputsAndOutputs);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await _poller.WaitAsync(
            ct => ReadStateAsync(instanceId, getInputsAndOutputs, ct),
            s => OrchestrationStateMapper.IsTerminal(s.OrchestrationStatus),
            () => NoSuchInstance(instanceId),
            cancellation);
        return await ToMetadataAsync(state, getInputsAndOutputs);
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        RefuseRecursive(options?.Recursive == true, "Recursive termination");
        cancellation.ThrowIfCancellationRequested();

        // The output becomes the terminated instance's output, so it is serialized like any other payload.
        var output = _converter.Serialize(options?.Output);
        return _hubClient.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, output!);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _hubClient.SuspendInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);
    }

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _hubClient.ResumeInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await ReadStateAsync(instanceId, getInputsAndOutputs, cancellation);
        return state is null ? null : await ToMetadataAsync(state, getInputsAndOutputs);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var query = filter ?? new OrchestrationQuery();
        return Pageable.Create(async (string? continuation, int? pageSize, CancellationToken cancellation) =>
        {
            var condition = new OrchestrationInstanceStatusQueryCondition
            {
                RuntimeStatus = query.Statuses?.Select(OrchestrationStateMapper.ToCore).ToList(),
                CreatedTimeFrom = query.CreatedFrom?.UtcDateTime ?? default,
                CreatedTimeTo = query.CreatedTo?.UtcDateTime ?? default,
                TaskHubNames = query.TaskHubNames?.ToList(),
                InstanceIdPrefix = query.InstanceIdPrefix,
                FetchInput = query.FetchInputsAndOutputs,
                FetchOutput = query.FetchInputsAndOutputs,
                ExcludeEntities = true,
            };
            var page = await _connection.Service.GetOrchestrationStateAsync(
                condition, pageSize ?? query.PageSize, continuation ?? query.ContinuationToken, cancellation);
            var instances = new List<OrchestrationMetadata>();
            foreach (var state in page.OrchestrationState)
            {
                await RepairIfUnreadableAsync(state);
                instances.Add(OrchestrationStateMapper.ToMetadata(state, query.FetchInputsAndOutputs, _converter));
            }


            // The SDK's pager stops only on a null token; an empty one from the provider would ask for the first page again.
            return new Page<OrchestrationMetadata>(instances, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        });
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        RefuseRecursive(options?.Recursive == true, "Recursive purge");
        var state = await ReadStateAsync(instanceId, fetchPayloads: false, cancellation);
        if (state is null)
        {
            return new PurgeResult(0);
        }

        if (!OrchestrationStateMapper.IsTerminal(state.OrchestrationStatus))
        {
            // Purging a live instance's history would leave its next episode with nothing to replay: only finished
            // instances are purged (as by a purge filter), and a live one counts as not purged.
            return new PurgeResult(0);
        }

        var result = await _connection.Service.PurgeInstanceHistoryAsync(instanceId);
        return new PurgeResult(result.InstancesDeleted);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RefuseRecursive(options?.Recursive == true, "Recursive purge");
        var statuses = (filter.Statuses ?? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated])
            .Select(OrchestrationStateMapper.ToCore)
            .ToList();
        var live = statuses.Where(s => !OrchestrationStateMapper.IsTerminal(s)).ToList();
        if (live.Count > 0)
        {
            throw new ArgumentException($"Only finished instances can be purged; the filter asks for {string.Join(", ", live)} ones.", nameof(filter));
        }

        cancellation.ThrowIfCancellationRequested();
        var purge = new CorePurgeInstanceFilter(filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, statuses)
        {
            Timeout = filter.Timeout,
        };
        var result = await ((IOrchestrationServicePurgeClient)_connection.Service).PurgeInstanceStateAsync(purge);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    /// <summary>Nothing to release: the provider belongs to the DI container, which the worker may still be using.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// An existing instance in one of these statuses makes a start fail: every non-terminal status, plus whatever the
    /// caller adds through <see cref="StartOrchestrationOptions.DedupeStatuses"/>. A finished instance is replaced.
    /// The check and the start are two storage calls; two starts racing for one id both return, and one execution runs.
    /// </summary>
    private static OrchestrationStatus[] RefusedStatuses(StartOrchestrationOptions? options)
    {
        var refused = new HashSet<OrchestrationStatus>(OrchestrationStateMapper.NonTerminal);
        foreach (var name in options?.DedupeStatuses ?? [])
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status))
            {
                throw new ArgumentException($"'{name}' is not an orchestration runtime status.", nameof(options));
            }

            refused.Add(OrchestrationStateMapper.ToCore(status));
        }

        return [.. refused];
    }

    /// <summary>
    /// One instance for the caller. A failed instance's full failure details are read from its history (one more
    /// storage read, only for failed instances); queries over many instances settle for the type and message.
    /// </summary>
    private async Task<OrchestrationMetadata> ToMetadataAsync(OrchestrationState state, bool includePayloads)
    {
        TaskFailureDetails? failure = null;
        if (state.OrchestrationStatus == OrchestrationStatus.Failed && state.FailureDetails is null)
        {
            var history = await _connection.Service.GetOrchestrationHistoryAsync(state.OrchestrationInstance.InstanceId, state.OrchestrationInstance.ExecutionId);
            failure = FailureDetailsReader.FromHistory(history);
        }

        return OrchestrationStateMapper.ToMetadata(state, includePayloads, _converter, failure);
    }

    private async Task<OrchestrationState?> ReadStateAsync(string instanceId, bool fetchPayloads, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await _connection.Service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: fetchPayloads);
        var state = states.FirstOrDefault(s => s is not null);
        if (state is not null)
        {
            await RepairIfUnreadableAsync(state);
        }

        return state;
    }

    /// <summary>An instances row without a runtime status (see <see cref="HistoryStatusReader"/>) is read from history instead.</summary>
    private async Task RepairIfUnreadableAsync(OrchestrationState state)
    {
        if (HistoryStatusReader.IsUnreadable(state))
        {
            var history = await _connection.Service.GetOrchestrationHistoryAsync(state.OrchestrationInstance.InstanceId, state.OrchestrationInstance.ExecutionId);
            HistoryStatusReader.Repair(state, history);
        }
    }

    private static InvalidOperationException NoSuchInstance(string instanceId) =>
        new($"No orchestration instance with id '{instanceId}' exists in this task hub, so there is nothing to wait for.");

    private static void RefuseRecursive(bool recursive, string what)
    {
        if (recursive)
        {
            throw new NotSupportedException($"{what} of sub-orchestrations is not supported by the standalone engine; act on each instance id.");
        }
    }
}
