using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The state of a running soak: when it ends, the failure streak, and the last analysis.</summary>
/// <param name="LastDryRun">
/// What the last analysis's dry-run metrics would have decided (<see cref="Analysis.AnalysisResult.DryRunSummary"/>),
/// for the promotion's timeline entry and the release notification; null when the spec has none. Appended last so
/// soaks continued as new before it existed still read.
/// </param>
public sealed record SoakState(DateTimeOffset EndsAt, int FailureCount, int Analyses, bool? LastHealthy, string? LastSummary, string? LastDryRun = null);
