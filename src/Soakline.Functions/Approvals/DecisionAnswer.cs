using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Approvals;

/// <summary>What happened to a decision, for the endpoint to answer with (<see cref="DecisionDesk"/>).</summary>
/// <param name="InstanceId">The environment run whose gate answered, when one did.</param>
/// <param name="Receipt">The gate's receipt for this decision, when it took effect.</param>
public sealed record DecisionAnswer(DecisionAnswerKind Kind, string Message, string? InstanceId = null, DecisionReceipt? Receipt = null);

/// <summary>The outcomes of a decision, each with its own HTTP answer.</summary>
public enum DecisionAnswerKind
{
    /// <summary>The gate recorded it and acted on it (200).</summary>
    TookEffect,

    /// <summary>The decider is not one of the run's approvers; nothing changed (403).</summary>
    NotAnApprover,

    /// <summary>The release is not waiting for approval: decided (by whom, when), expired or finished (409).</summary>
    NotWaiting,

    /// <summary>No such pipeline (404).</summary>
    NotFound,

    /// <summary>Delivered, but the gate did not acknowledge it in time; it may still take effect (504).</summary>
    NotConfirmed,
}
