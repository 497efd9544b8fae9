using System.Text.Json;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Hosting;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Api;

/// <summary>
/// How a finished pipeline (or environment run, or rollback) ended, typed: <see cref="Status"/> is a
/// <see cref="ReleaseStatus"/> name for pipelines and environment runs, a <see cref="RollbackStatus"/> name for a
/// rollback's own instance, <c>Crashed</c> for an orchestration the engine reports failed and <c>Terminated</c> for
/// one an operator stopped. <see cref="Reason"/> is the sentence that says why.
/// </summary>
public sealed record OutcomeSummary(string Status, string Reason)
{
    /// <summary>The orchestrators whose output is a <see cref="ReleaseOutcome"/>.</summary>
    private static readonly HashSet<string> PipelineOrchestrators = new(StringComparer.Ordinal)
    {
        nameof(ReleaseOrchestrator), nameof(StagingOrchestrator), nameof(ProductionOrchestrator),
    };

    /// <summary>The outcome of a finished orchestration, from its output or its failure details; null while it runs.</summary>
    public static OutcomeSummary? Of(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.RuntimeStatus switch
        {
            // The engine's own failure (the orchestrator threw, or could not run at all): the failure details say what.
            OrchestrationRuntimeStatus.Failed => new OutcomeSummary(
                nameof(ReleaseStatus.Crashed),
                FailureSentence.Of(metadata.Name, metadata.FailureDetails?.ErrorMessage)),
            OrchestrationRuntimeStatus.Terminated => new OutcomeSummary(
                "Terminated",
                Read<string>(metadata.SerializedOutput) is { Length: > 0 } reason ? $"terminated: {reason}" : "terminated by an operator"),
            OrchestrationRuntimeStatus.Completed => Completed(metadata),
            _ => null,
        };
    }

    private static OutcomeSummary? Completed(OrchestrationMetadata metadata)
    {
        if (metadata.Name == nameof(RollbackOrchestrator))
        {
            return Read<RollbackOutcome>(metadata.SerializedOutput) is { Detail: not null } rollback && Enum.IsDefined(rollback.Status)
                ? new OutcomeSummary(rollback.Status.ToString(), rollback.Detail)
                : null;
        }

        return PipelineOrchestrators.Contains(metadata.Name)
            && Read<ReleaseOutcome>(metadata.SerializedOutput) is { Detail: not null } outcome && Enum.IsDefined(outcome.Status)
            ? new OutcomeSummary(outcome.Status.ToString(), outcome.Detail)
            : null;
    }

    private static T? Read<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, PayloadJson.Options);
        }
        catch (JsonException)
        {
            // An output of another shape (an orchestration this API does not describe): no outcome rather than a 500.
            return null;
        }
    }
}
