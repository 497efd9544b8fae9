namespace Soakline.Cli.Models;

/// <summary>
/// The custom status every pipeline orchestrator keeps current (Soakline.Pipeline's PipelineStatus): stage, traffic,
/// soak remaining and the last analysis with each metric against its threshold.
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
    IReadOnlyList<CheckReading>? LastChecks = null);
