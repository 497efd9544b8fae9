namespace Soakline.Cli.Models;

/// <summary><c>GET /api/pipelines/{id}</c>: the pipeline, its environment runs, and its timeline oldest first.</summary>
internal sealed record PipelineDetail(PipelineSummary Pipeline, IReadOnlyList<PipelineSummary> EnvironmentRuns, IReadOnlyList<TimelineEntry> Timeline);
