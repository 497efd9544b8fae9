using System.Globalization;
using System.Text.Json;

namespace Soakline.Demo.Scenario;

/// <summary>
/// Follows one pipeline through the API until it ends, printing what changes: each environment run's stage, traffic,
/// soak remaining and last analysis, and every new timeline entry. The caller can act on a stage (the approval).
/// </summary>
public sealed class PipelineWatcher(SoaklineApp app, TextWriter output)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Polls until the pipeline completes, fails or is terminated; returns its final state.</summary>
    /// <param name="onStage">Called once for each stage an environment run enters, with (environment, stage).</param>
    public async Task<PipelineResult> FollowAsync(string instanceId, TimeSpan timeout, Func<string, string, Task>? onStage, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var seenTimeline = 0;
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
                var elapsed = DateTimeOffset.UtcNow - started;
                var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
                foreach (var entry in timeline.Skip(seenTimeline))
                {
                    Print(elapsed, $"{Text(entry, "environment"),-10} {Text(entry, "kind")}: {Text(entry, "detail")}");
                }

                seenTimeline = timeline.Count;
                foreach (var run in detail.GetProperty("environmentRuns").EnumerateArray())
                {
                    if (run.GetProperty("status") is not { ValueKind: JsonValueKind.Object } status)
                    {
                        continue;
                    }

                    var environment = Text(status, "environment") is { Length: > 0 } name ? name : Text(run, "orchestrator");
                    var line = Describe(status);
                    if (!lastLines.TryGetValue(environment, out var last) || last != line)
                    {
                        lastLines[environment] = line;
                        Print(elapsed, $"{environment,-10} {line}");
                    }

                    var stage = Text(status, "stage");
                    if (onStage is not null && seenStages.Add($"{run.GetProperty("id").GetString()}|{stage}"))
                    {
                        await onStage(environment, stage).ConfigureAwait(false);
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

    /// <summary>"stage 1: soaking · traffic 5% · soak 12s left · analysis: ..." with only the parts that are set.</summary>
    private static string Describe(JsonElement status)
    {
        var parts = new List<string> { Text(status, "stage") };
        if (status.TryGetProperty("trafficPercent", out var traffic) && traffic.GetInt32() > 0)
        {
            parts.Add($"traffic {traffic.GetInt32()}%");
        }

        if (Text(status, "soakRemaining") is { Length: > 0 } soak && TimeSpan.TryParse(soak, CultureInfo.InvariantCulture, out var remaining))
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

    private void Print(TimeSpan elapsed, string line) => output.WriteLine($"  [{elapsed.TotalSeconds,5:0}s] {line}");

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}

/// <summary>How a followed pipeline ended.</summary>
/// <param name="Outcome">The release orchestrator's last detail, e.g. "Released: ..." or "RolledBack: ...".</param>
public sealed record PipelineResult(string InstanceId, string RuntimeStatus, string Outcome, TimeSpan Duration, IReadOnlyList<string> TimelineKinds);
