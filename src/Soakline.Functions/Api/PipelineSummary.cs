using System.Text.Json;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Watchdog;

namespace Soakline.Functions.Api;

/// <summary>One pipeline (or environment run) as the API and the dashboard show it.</summary>
/// <param name="Status">The orchestration's custom status: stage, environment, traffic, soak, last analysis.</param>
/// <param name="Outcome">How it ended (<see cref="OutcomeSummary"/>); null while it runs.</param>
/// <param name="Stuck">Set while the watchdog finds its next step overdue (<see cref="StuckSummary"/>).</param>
public sealed record PipelineSummary(
    string Id,
    string Orchestrator,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonElement? Status,
    JsonElement? Input,
    OutcomeSummary? Outcome = null,
    StuckSummary? Stuck = null)
{
    public static PipelineSummary From(OrchestrationMetadata metadata, StuckPipelineRecord? stuck = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new PipelineSummary(
            metadata.InstanceId,
            metadata.Name,
            metadata.RuntimeStatus.ToString(),
            metadata.CreatedAt,
            metadata.LastUpdatedAt,
            Parse(metadata.SerializedCustomStatus),
            Parse(metadata.SerializedInput),
            OutcomeSummary.Of(metadata),
            // A record outlives its pipeline's end until the watchdog's next run resolves it: a finished one is not stuck.
            stuck is null || metadata.IsCompleted ? null : StuckSummary.From(stuck));
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);
}
