namespace Soakline.Cli.Models;

/// <summary>
/// The custom status every pipeline orchestrator keeps current (Soakline.Pipeline's PipelineStatus): stage, traffic,
/// soak remaining and the last analysis with each metric against its threshold. <see cref="TrafficPercent"/> is the share
/// the router applied; <see cref="RequestedPercent"/> what the stage asked for; <see cref="Serving"/> the release serving
/// the environment once the run ended.
/// </summary>
internal sealed record PipelineProgress(
    string? Stage,
    string? Environment = null,
    string? Release = null,
    int TrafficPercent = 0,
    TimeSpan? SoakRemaining = null,
    string? LastAnalysis = null,
    bool? LastAnalysisHealthy = null,
    string? Detail = null,
    IReadOnlyList<CheckReading>? LastChecks = null,
    int? RequestedPercent = null,
    string? Serving = null);
