using System.Text.Json;
using Microsoft.Extensions.Logging;
using Soakline.Durable.AzureStorage.Messaging;
using Soakline.Durable.AzureStorage.Payloads;
using Soakline.Durable.History;
using Soakline.Durable.Runtime;
using Soakline.Durable.Serialization;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// Sets a message that keeps failing aside in the poison queue and fails its instance with the reason, so a bad
/// message stops costing work and its owner sees why in the instance's failure details.
/// </summary>
internal sealed class PoisonMessageHandler
{
    public const string FailureType = "PoisonMessage";

    private readonly TaskHubQueues _queues;
    private readonly LargeTextStore _payloads;
    private readonly InstanceStepRunner _runner;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public PoisonMessageHandler(TaskHubQueues queues, LargeTextStore payloads, InstanceStepRunner runner, TimeProvider timeProvider, ILogger logger)
    {
        _queues = queues;
        _payloads = payloads;
        _runner = runner;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task QuarantineAsync(string sourceQueue, string messageText, string? instanceId, string reason, CancellationToken cancellationToken)
    {
        _logger.LogError("Quarantining a message from {Queue} for {InstanceId}: {Reason}", sourceQueue, instanceId ?? "(unknown instance)", reason);
        var now = _timeProvider.GetUtcNow();
        var record = new PoisonRecord(sourceQueue, instanceId, reason, now, messageText, null);
        var text = JsonSerializer.Serialize(record, DurablePayloads.SerializerOptions);
        if (!_payloads.FitsInline(text))
        {
            var blob = await _payloads.UploadAsync(instanceId ?? "_unknown", "poison", messageText, cancellationToken);
            text = JsonSerializer.Serialize(record with { MessageText = null, MessageBlob = blob }, DurablePayloads.SerializerOptions);
        }

        await _queues.Poison.SendMessageAsync(text, cancellationToken: cancellationToken);
        if (instanceId is not null)
        {
            var failure = new TaskFailureDetails(FailureType, reason, null, null, null);
            await _runner.RunAsync(instanceId, state => FailInstance(state, failure), cancellationToken);
        }
    }

    private OrchestrationStepResult? FailInstance(OrchestrationInstanceState? state, TaskFailureDetails failure)
    {
        if (state is null || state.IsTerminal)
        {
            return null;
        }

        var now = _timeProvider.GetUtcNow();
        var completed = new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, failure) { Timestamp = now };
        var failed = state with
        {
            Status = OrchestrationRuntimeStatus.Failed,
            FailureDetails = failure,
            HeldMessages = [],
            LastUpdatedAt = now,
            History = [.. state.History, completed],
        };
        IReadOnlyList<OrchestrationMessage> notifyParent = state.Parent is { } parent
            ? [OrchestrationMessage.Create(parent.InstanceId, parent.ExecutionId, new SubOrchestrationFailed(parent.TaskScheduledId, failure) { Timestamp = now })]
            : [];
        return new OrchestrationStepResult(failed, [completed], false, notifyParent, []);
    }
}
