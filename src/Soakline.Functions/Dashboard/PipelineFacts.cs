using System.Text.Json;
using Soakline.Functions.Api;

namespace Soakline.Functions.Dashboard;

/// <summary>What the dashboard shows of a pipeline, read from the API's summary (its push input and custom status). Public because
/// <see cref="PipelinePageModel"/> carries it (see <see cref="PageFrame"/>).</summary>
public sealed record PipelineFacts(string Id, string Repository, string Branch, string Sha, string RuntimeStatus, string? Stage, string? Environment, int TrafficPercent, DateTimeOffset CreatedAt)
{
    public string ShortSha => Sha.Length > 7 ? Sha[..7] : Sha;

    /// <summary>The pipeline's facts, with stage and traffic from its most recently updated running environment run, if any.</summary>
    public static PipelineFacts From(PipelineSummary pipeline, IReadOnlyList<PipelineSummary> environmentRuns)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var input = pipeline.Input;
        var active = CurrentRun(environmentRuns) ?? pipeline;
        return new PipelineFacts(
            pipeline.Id,
            Text(input, "repository", "fullName") ?? string.Empty,
            Text(input, "branch") ?? string.Empty,
            Text(input, "sha") ?? string.Empty,
            pipeline.RuntimeStatus,
            Text(active.Status, "stage") ?? Text(pipeline.Status, "stage"),
            Text(active.Status, "environment"),
            Number(active.Status, "trafficPercent"),
            pipeline.CreatedAt);
    }

    /// <summary>The environment run a person looks at: the running one, else the last one to change.</summary>
    public static PipelineSummary? CurrentRun(IReadOnlyList<PipelineSummary> runs) =>
        runs.Where(r => r.RuntimeStatus == "Running").MaxBy(r => r.LastUpdatedAt) ?? runs.MaxBy(r => r.LastUpdatedAt);

    public static string? Text(JsonElement? element, params string[] path)
    {
        var found = Walk(element, path);
        return found is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
    }

    public static int Number(JsonElement? element, string name) =>
        Walk(element, name) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var value) ? value : 0;

    public static JsonElement? Walk(JsonElement? element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current is not { ValueKind: JsonValueKind.Object } obj || !obj.TryGetProperty(name, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }
}
