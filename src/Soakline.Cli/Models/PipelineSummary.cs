using System.Text.Json;

namespace Soakline.Cli.Models;

/// <summary>One pipeline or environment run as <c>GET /api/pipelines</c> lists it.</summary>
/// <param name="Status">The orchestration's custom status (<see cref="Progress"/> reads it).</param>
/// <param name="Input">The push that started a pipeline (<see cref="Push"/> reads it).</param>
/// <param name="Outcome">How it ended, once it has; null while it runs (and from apps older than the typed outcome).</param>
/// <param name="Stuck">Set while the app's watchdog finds the pipeline's next step overdue; null otherwise (and from older apps).</param>
internal sealed record PipelineSummary(
    string Id,
    string Orchestrator,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonElement? Status = null,
    JsonElement? Input = null,
    OutcomeReading? Outcome = null,
    StuckReading? Stuck = null)
{
    public PipelineProgress? Progress => CliJson.Read<PipelineProgress>(Status);

    public PushInput? Push => CliJson.Read<PushInput>(Input);

    /// <summary>Completed, Failed or Terminated: the orchestration will not change any more.</summary>
    public bool HasEnded => RuntimeStatus is "Completed" or "Failed" or "Terminated";
}
