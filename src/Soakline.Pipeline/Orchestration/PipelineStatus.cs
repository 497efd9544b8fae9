using Soakline.Pipeline.Analysis;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// The custom status every pipeline orchestrator keeps current, for the dashboard and the API: where it is, how much
/// traffic the new release gets, how long the soak still runs, and what the last analysis said
/// (<see cref="LastChecks"/>: each metric's value against its limit, which the dashboard charts).
/// <see cref="Approval"/> is the approval gate's record once the run reached it (who may decide, what was decided).
/// <see cref="Outcome"/> is set when the pipeline ended: how, typed, and why, in a sentence.
/// </summary>
public sealed record PipelineStatus(
    string Stage,
    string? Environment = null,
    string? Release = null,
    int TrafficPercent = 0,
    TimeSpan? SoakRemaining = null,
    string? LastAnalysis = null,
    bool? LastAnalysisHealthy = null,
    string? Detail = null,
    IReadOnlyList<CheckOutcome>? LastChecks = null,
    ApprovalState? Approval = null,
    PipelineOutcome? Outcome = null);
