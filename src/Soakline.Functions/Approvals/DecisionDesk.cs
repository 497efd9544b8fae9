using System.Globalization;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Api;
using Soakline.Functions.Engine.Standalone;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Approvals;

/// <summary>
/// Every decision endpoint (the API, approval links, the dashboard through the API) decides here, so each answers
/// what actually happened. The approval gate keeps its record in the environment run's custom status
/// (<see cref="ApprovalState"/>): who may decide, what was decided by whom and when, and a receipt per decision. The
/// desk refuses what the record already settles (403 not an approver, 409 decided, expired or finished), then raises
/// the decision with its id and waits, reading the record, for the gate's receipt, and answers from it. When the gate
/// decided on another decision first (a race), the record says so and the answer is 409.
/// </summary>
internal sealed class DecisionDesk(DurableTaskClient client, IPipelineTimeline timeline, TimeProvider clock, DecisionDeskOptions options)
{
    private static readonly TimeSpan MaxReadInterval = TimeSpan.FromMilliseconds(500);

    public async Task<DecisionAnswer> DecideAsync(DecisionCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (gate, exists) = await FindGateAsync(call.Id, cancellationToken);
        if (gate is null)
        {
            return exists
                ? await WithoutGateAsync(call.Id, cancellationToken)
                : new DecisionAnswer(DecisionAnswerKind.NotFound, $"pipeline '{call.Id}' does not exist");
        }

        if (Settled(gate.Instance, gate.State, call.DecisionId) is { } settled)
        {
            return settled;
        }

        if (!gate.State.IsApprover(call.By))
        {
            return new DecisionAnswer(
                DecisionAnswerKind.NotAnApprover,
                $"{call.By} is not an approver of this release (approvers: {string.Join(", ", gate.State.Approvers)}); nothing was decided",
                gate.Instance.InstanceId);
        }

        var decision = new ApprovalDecision(call.Approve, call.By, clock.GetUtcNow(), call.Comment, call.DecisionId);
        await client.RaiseEventAsync(gate.Instance.InstanceId, PipelineEvents.Approval, decision, cancellationToken);
        return await AwaitReceiptAsync(gate.Instance.InstanceId, call.DecisionId, cancellationToken);
    }

    /// <summary>What the gate's record already says about this decision, or null while it still waits for it.</summary>
    private static DecisionAnswer? Settled(OrchestrationMetadata instance, ApprovalState state, string decisionId)
    {
        if (state.ReceiptFor(decisionId) is { } receipt)
        {
            return receipt.Result == DecisionResult.NotAnApprover
                ? new DecisionAnswer(DecisionAnswerKind.NotAnApprover, $"{receipt.By} is not an approver of this release; nothing was decided", instance.InstanceId)
                : new DecisionAnswer(DecisionAnswerKind.TookEffect, $"{Verb(receipt.Result)} by {receipt.By} at {Time(receipt.At)}", instance.InstanceId, receipt);
        }

        return state.Outcome switch
        {
            ApprovalOutcome.Approved or ApprovalOutcome.Rejected => new DecisionAnswer(
                DecisionAnswerKind.NotWaiting,
                $"already {state.Outcome.ToString().ToLowerInvariant()} by {state.DecidedBy} at {Time(state.DecidedAt)}; nothing was changed",
                instance.InstanceId),
            ApprovalOutcome.Expired => new DecisionAnswer(
                DecisionAnswerKind.NotWaiting,
                $"no longer waiting: the approval request expired at {Time(state.DecidedAt ?? state.ExpiresAt)}; nothing was changed",
                instance.InstanceId),
            _ when instance.IsCompleted => new DecisionAnswer(
                DecisionAnswerKind.NotWaiting,
                $"no longer waiting for approval: the run is {instance.RuntimeStatus.ToString().ToLowerInvariant()}; nothing was changed",
                instance.InstanceId),
            _ => null,
        };
    }

    private async Task<DecisionAnswer> AwaitReceiptAsync(string instanceId, string decisionId, CancellationToken cancellationToken)
    {
        using var bound = new CancellationTokenSource(options.AcknowledgementTimeout, options.Pacing);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, cancellationToken);
        try
        {
            var poller = new InstanceStatusPoller(options.Pacing, MaxReadInterval);
            var reading = await poller.WaitAsync(
                async ct => await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct) is { } instance
                    ? new Reading(instance, Settled(instance, ReadState(instance) ?? Unknown, decisionId))
                    : new Reading(null, new DecisionAnswer(DecisionAnswerKind.NotWaiting, $"the run '{instanceId}' no longer exists; nothing was changed")),
                r => r.Answer is not null,
                () => new InvalidOperationException("unreachable: a missing instance is a reading"),
                linked.Token);
            return reading.Answer!;
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new DecisionAnswer(
                DecisionAnswerKind.NotConfirmed,
                $"the decision was delivered but the pipeline did not confirm it within {options.AcknowledgementTimeout.TotalSeconds:0} s; it may still take effect: check the pipeline before deciding again",
                instanceId);
        }
    }

    /// <summary>
    /// The run with the gate: the id itself (an environment run) or one of its environment runs (a pipeline id);
    /// a waiting gate first, else the most recently updated record. Also whether any instance has that id.
    /// </summary>
    private async Task<(Gate? Gate, bool Exists)> FindGateAsync(string id, CancellationToken cancellationToken)
    {
        Gate? best = null;
        var exists = false;
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: id, FetchInputsAndOutputs: true)).WithCancellation(cancellationToken))
        {
            var self = instance.InstanceId == id;
            exists |= self;
            if ((!self && !instance.InstanceId.StartsWith(id + ":", StringComparison.Ordinal)) || ReadState(instance) is not { } state)
            {
                continue;
            }

            var candidate = new Gate(instance, state);
            if (best is null || Rank(candidate).CompareTo(Rank(best)) > 0)
            {
                best = candidate;
            }
        }

        return (best, exists);
    }

    private static (bool Waiting, DateTimeOffset Updated) Rank(Gate gate) => (gate.State.Outcome == ApprovalOutcome.Waiting && !gate.Instance.IsCompleted, gate.Instance.LastUpdatedAt);

    /// <summary>
    /// A run without a gate record: it has not reached its gate, has no gate, or continued as new after it (a rollout
    /// does, dropping its status): the timeline still says who decided, and when.
    /// </summary>
    private async Task<DecisionAnswer> WithoutGateAsync(string id, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        var entries = await timeline.GetAsync(id, cancellationToken);
        if (entries.Count == 0 && id.LastIndexOf(':') is > 0 and var colon)
        {
            entries = await timeline.GetAsync(id[..colon], cancellationToken);
        }

        var decided = entries.LastOrDefault(e => e.Kind is nameof(TransitionKind.Approved) or nameof(TransitionKind.Rejected) or nameof(TransitionKind.ApprovalExpired));
        if (decided is not null)
        {
            var what = decided.Kind == nameof(TransitionKind.ApprovalExpired)
                ? $"the approval request expired at {Time(decided.At)}"
                : $"already {decided.Kind.ToLowerInvariant()} by {decided.Actor} at {Time(decided.At)}";
            return new DecisionAnswer(DecisionAnswerKind.NotWaiting, $"not waiting for approval: {what}; nothing was changed", id);
        }

        var state = instance is null ? "gone" : instance.RuntimeStatus.ToString().ToLowerInvariant();
        return new DecisionAnswer(DecisionAnswerKind.NotWaiting, $"pipeline '{id}' is not waiting for approval ({state}); nothing was decided", id);
    }

    private static ApprovalState? ReadState(OrchestrationMetadata instance)
    {
        if (instance.SerializedCustomStatus is null)
        {
            return null;
        }

        try
        {
            return instance.ReadCustomStatusAs<PipelineStatus>()?.Approval;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not a pipeline's status (a stand-in, a monitor sweep): no gate here.
            return null;
        }
    }

    private static readonly ApprovalState Unknown = new([], DateTimeOffset.MaxValue);

    private static string Verb(DecisionResult result) => result == DecisionResult.Approved ? "approved" : "rejected";

    private static string Time(DateTimeOffset? at) => at?.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture) ?? "an unknown time";

    private sealed record Gate(OrchestrationMetadata Instance, ApprovalState State);

    private sealed record Reading(OrchestrationMetadata? Instance, DecisionAnswer? Answer);
}
