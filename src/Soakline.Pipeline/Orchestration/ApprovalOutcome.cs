using System.Text.Json.Serialization;

namespace Soakline.Pipeline.Orchestration;

/// <summary>Where an approval gate stands (<see cref="ApprovalState.Outcome"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalOutcome>))]
public enum ApprovalOutcome
{
    /// <summary>The gate waits for a decision from one of the approvers.</summary>
    Waiting,

    Approved,
    Rejected,

    /// <summary>No approver decided before the request expired.</summary>
    Expired,
}
