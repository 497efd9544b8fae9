using System.Globalization;
using System.Text.Json;
using Soakline.Cli;

namespace Soakline.Demo.Kit.App;

/// <summary>
/// Follows one pipeline through the API until it ends, printing what changes the way <c>soakline get --watch</c> does
/// in a pipe (the CLI's <see cref="WatchLines"/>): every new timeline entry, each run whose stage, traffic or analysis
/// changed, and the ending. The caller can act on what it sees (approve when a run waits for approval; a test kills
/// the app in the middle of a soak).
/// </summary>
public sealed class PipelineWatcher(SoaklineApp app, TextWriter output)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Polls until the pipeline completes, fails or is terminated; returns its final state.</summary>
    /// <param name="onProgress">Called whenever an environment run's status changes, before the next poll.</param>
    public async Task<PipelineResult> FollowAsync(string instanceId, TimeSpan timeout, Func<PipelineProgress, Task>? onProgress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var printer = new WatchLines();
        var lastLines = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenStages = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTimeOffset.UtcNow - started > timeout)
            {
                throw new TimeoutException($"The pipeline {instanceId} did not finish within {timeout.TotalMinutes:0} minutes.");
            }

            if (await app.GetPipelineAsync(instanceId, cancellationToken).ConfigureAwait(false) is { } detail)
            {
                foreach (var line in printer.Next(detail))
                {
                    output.WriteLine($"  {line}");
                }

                var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
                foreach (var run in detail.GetProperty("environmentRuns").EnumerateArray())
                {
                    if (run.GetProperty("status") is not { ValueKind: JsonValueKind.Object } status)
                    {
                        continue;
                    }

                    var environment = Text(status, "environment") is { Length: > 0 } name ? name : Text(run, "orchestrator");
                    var line = Describe(status);
                    if (lastLines.TryGetValue(environment, out var last) && last == line)
                    {
                        continue;
                    }

                    lastLines[environment] = line;
                    var stage = Text(status, "stage");
                    var newStage = seenStages.Add($"{run.GetProperty("id").GetString()}|{stage}");
                    if (onProgress is not null)
                    {
                        await onProgress(new PipelineProgress(environment, stage, newStage, TrafficPercent(status), SoakRemaining(status), NextStepDue(status))).ConfigureAwait(false);
                    }
                }

                var pipeline = detail.GetProperty("pipeline");
                var runtimeStatus = Text(pipeline, "runtimeStatus");
                if (runtimeStatus is "Completed" or "Failed" or "Terminated")
                {
                    var outcome = pipeline.GetProperty("status") is { ValueKind: JsonValueKind.Object } final ? Text(final, "detail") : runtimeStatus;
                    return new PipelineResult(instanceId, runtimeStatus, outcome, DateTimeOffset.UtcNow - started, [.. timeline.Select(e => Text(e, "kind"))]);
                }
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What tells one state of a run from the next, for <c>onProgress</c>: stage, traffic, soak, analysis, detail.</summary>
    private static string Describe(JsonElement status)
    {
        var parts = new List<string> { Text(status, "stage") };
        if (TrafficPercent(status) is > 0 and var traffic)
        {
            parts.Add($"traffic {traffic}%");
        }

        if (SoakRemaining(status) is { } remaining)
        {
            parts.Add($"soak {Math.Max(0, Math.Ceiling(remaining.TotalSeconds)):0}s left");
        }

        if (Text(status, "lastAnalysis") is { Length: > 0 } analysis)
        {
            var healthy = status.TryGetProperty("lastAnalysisHealthy", out var h) && h.ValueKind == JsonValueKind.False ? "failing" : "ok";
            parts.Add($"analysis {healthy}: {analysis}");
        }

        if (Text(status, "detail") is { Length: > 0 } detail)
        {
            parts.Add(detail);
        }

        return string.Join(" · ", parts);
    }

    private static int TrafficPercent(JsonElement status) =>
        status.TryGetProperty("trafficPercent", out var traffic) && traffic.ValueKind == JsonValueKind.Number ? traffic.GetInt32() : 0;

    private static TimeSpan? SoakRemaining(JsonElement status) =>
        Text(status, "soakRemaining") is { Length: > 0 } soak && TimeSpan.TryParse(soak, CultureInfo.InvariantCulture, out var remaining) ? remaining : null;

    private static DateTimeOffset? NextStepDue(JsonElement status) =>
        Text(status, "nextStepDue") is { Length: > 0 } due && DateTimeOffset.TryParse(due, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
