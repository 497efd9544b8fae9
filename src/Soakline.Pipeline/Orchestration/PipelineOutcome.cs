using System.Text.Json.Serialization;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// How a pipeline ended, as the custom status carries it once it has: the typed status and the human sentence. The
/// status is written as its name ("RolledBack"), so whoever reads the status (the API, the dashboard, the CLI) needs no
/// table of numbers.
/// </summary>
public sealed record PipelineOutcome(
    [property: JsonConverter(typeof(JsonStringEnumConverter<ReleaseStatus>))] ReleaseStatus Status,
    string Reason)
{
    public static PipelineOutcome Of(ReleaseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new PipelineOutcome(outcome.Status, outcome.Detail);
    }
}
