using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Approvals;

/// <summary>The outcomes of a decision, each with its own HTTP answer.</summary>
internal enum DecisionAnswerKind
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
