using Soakline.Pipeline.Analysis;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// The custom status every pipeline orchestrator keeps current, for the dashboard and the API: where it is, how much
/// traffic the new release gets, how long the soak still runs, and what the last analysis said
/// (<see cref="LastChecks"/>: each metric's value against its limit, which the dashboard charts).
/// <see cref="Approval"/> is the approval gate's record once the run reached it (who may decide, what was decided).
/// <see cref="TrafficPercent"/> is the share the traffic router reported it applied (rounded), not the share the stage
/// asked for: with 2 hosts a 5 % stage puts one host, 50 %, on the new release. Once a run ends, <see cref="Stage"/>
/// says how (<see cref="FinalStages"/>), <see cref="TrafficPercent"/> is what the new release keeps (100 released, 0
/// otherwise) and <see cref="Serving"/> names the release that serves the environment now.
/// <see cref="Outcome"/> is set when the pipeline ended: how, typed, and why, in a sentence.
/// </summary>
/// <param name="RequestedPercent">The share the current stage asked the router for; null outside canary stages.</param>
/// <param name="Serving">The release serving the environment when the run ended; null while it runs or when nothing changed.</param>
/// <param name="NextStepDue">
/// While the run waits on a durable timer (the next analysis of a soak, an approval's deadline): when that timer fires.
/// The stuck-pipeline watchdog reads it; it stays as last set once the wait is over, since a run whose last update is
/// later than it has moved past that wait. Appended last so statuses written before it existed still deserialize.
/// </param>
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
    int? RequestedPercent = null,
    string? Serving = null,
    PipelineOutcome? Outcome = null,
    DateTimeOffset? NextStepDue = null);
