using System.Text.Json.Serialization;

namespace Soakline.Pipeline.Orchestration;

/// <summary>What the approval gate did with one decision it received (<see cref="DecisionReceipt.Result"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionResult>))]
public enum DecisionResult
{
    /// <summary>The decision approved the release: the gate opened.</summary>
    Approved,

    /// <summary>The decision rejected the release: the pipeline stops here.</summary>
    Rejected,

    /// <summary>The decider is not one of the run's approvers: recorded, ignored, the gate still waits.</summary>
    NotAnApprover,
}
