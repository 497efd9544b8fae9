namespace Soakline.Cli.Models;

/// <summary>
/// How a pipeline ended, as an exit code (<see cref="ExitCodes"/>) and a sentence, from the API's typed
/// <see cref="PipelineSummary.Outcome"/>. An app from before the typed outcome is read the old way: the release
/// orchestrator's final custom status (the stage where it ended, "released", "rolled-back", ..., or "completed" in
/// older apps) with detail "&lt;outcome&gt;: &lt;why&gt;".
/// </summary>
internal sealed record PipelineEnding(int ExitCode, string Outcome, string Sentence)
{
    /// <summary>The orchestrator of a rollback's own instance: its outcomes are RollbackStatus names.</summary>
    private const string RollbackOrchestrator = "RollbackOrchestrator";

    /// <summary>Null while the pipeline still runs.</summary>
    public static PipelineEnding? Of(PipelineDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var pipeline = detail.Pipeline;
        if (!pipeline.HasEnded)
        {
            return null;
        }

        return pipeline.Outcome is { } outcome
            ? new PipelineEnding(CodeFor(pipeline.Orchestrator, outcome.Status), outcome.Status, outcome.Reason)
            : FromFinalStatus(detail);
    }

    private static int CodeFor(string orchestrator, string status) => status switch
    {
        "Terminated" => ExitCodes.Terminated,
        "Crashed" => ExitCodes.PipelineFailed,

        // A rollback that did its job ends RolledBack (or told a canary to abort, or had nothing to do): success.
        _ when orchestrator == RollbackOrchestrator => status switch
        {
            "Refused" => ExitCodes.PipelineRefused,
            "Failed" => ExitCodes.PipelineFailed,
            _ => ExitCodes.Success,
        },
        _ => CodeForReleaseStatus(status),
    };

    private static int CodeForReleaseStatus(string status) => status switch
    {
        "Released" or "Deployed" or "NothingToDeploy" or "Ignored" or "Completed" => ExitCodes.Success,
        "RolledBack" => ExitCodes.RolledBack,
        "Rejected" => ExitCodes.Rejected,
        "Refused" or "PolicyRefused" => ExitCodes.PipelineRefused,
        "ApprovalExpired" => ExitCodes.ApprovalExpired,
        "SpecInvalid" => ExitCodes.SpecInvalid,
        "GateFailed" or "GateTimedOut" or "E2ERequirementNotMet" => ExitCodes.GateFailed,

        // DeployFailed, SpecUnavailable, Crashed, and any outcome this CLI does not know yet: never reported as success.
        _ => ExitCodes.PipelineFailed,
    };

    /// <summary>An app without the typed outcome: the final custom status says how it ended.</summary>
    private static PipelineEnding FromFinalStatus(PipelineDetail detail)
    {
        var pipeline = detail.Pipeline;
        var said = pipeline.Progress?.Detail ?? detail.Timeline.LastOrDefault(e => e.Kind == "PipelineCompleted")?.Detail;
        return pipeline.RuntimeStatus switch
        {
            "Terminated" => new PipelineEnding(ExitCodes.Terminated, "Terminated", said ?? "the pipeline was terminated by an operator"),
            "Failed" => new PipelineEnding(ExitCodes.PipelineFailed, "Failed", said ?? "the pipeline's orchestration failed"),
            _ => pipeline.Progress?.Stage switch
            {
                // The rollback orchestrator ends "refused" (nothing it may roll back) or "completed" with a plain detail.
                // A release pipeline refused for its environment also ends "refused", with "Refused: why" to parse.
                "refused" when said?.StartsWith("Refused: ", StringComparison.Ordinal) != true => new PipelineEnding(ExitCodes.PipelineRefused, "Refused", said ?? "refused"),
                "failed" => new PipelineEnding(ExitCodes.PipelineFailed, "Failed", said ?? "failed"),
                _ when said == "rollback incomplete" => new PipelineEnding(ExitCodes.PipelineFailed, "RollbackIncomplete", said),
                _ => FromOutcome(said),
            },
        };
    }

    private static PipelineEnding FromOutcome(string? detail)
    {
        // "Released: 20261206T... on every host": an outcome name is one word; anything else is a plain sentence.
        var separator = detail?.IndexOf(": ", StringComparison.Ordinal) ?? -1;
        var named = separator > 0 && detail![..separator].All(char.IsAsciiLetter);
        var outcome = named ? detail![..separator] : "Completed";
        var why = named ? detail![(separator + 2)..] : detail ?? "completed";
        var code = CodeForReleaseStatus(outcome);
        return new PipelineEnding(code, outcome, why);
    }
}
