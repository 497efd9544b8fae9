using Soakline.Cli.Models;

namespace Soakline.Cli.Rendering;

/// <summary>
/// The watch for pipes, files and CI logs: one line per change (a run's stage, traffic or analysis; a new timeline
/// entry; the ending) instead of a live display that redraws.
/// </summary>
internal sealed class ChangeLines
{
    private readonly Dictionary<string, string> _lastByRun = new(StringComparer.Ordinal);
    private int _timelineSeen;

    /// <summary>The lines that <paramref name="detail"/> adds to what was printed before.</summary>
    public IReadOnlyList<string> Next(PipelineDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var lines = new List<string>();
        foreach (var entry in detail.Timeline.Skip(_timelineSeen))
        {
            var actor = entry.Actor is { Length: > 0 } by ? $" (by {by})" : string.Empty;
            lines.Add($"{ProgressText.Time(entry.At)} {entry.Environment,-12} {entry.Kind}: {entry.Detail}{actor}");
        }

        _timelineSeen = Math.Max(_timelineSeen, detail.Timeline.Count);
        foreach (var run in new[] { detail.Pipeline }.Concat(detail.EnvironmentRuns))
        {
            var key = $"{run.RuntimeStatus} {ProgressText.RunLine(run, withSoak: false)}";
            if (_lastByRun.TryGetValue(run.Id, out var last) && last == key)
            {
                continue;
            }

            _lastByRun[run.Id] = key;
            var where = run == detail.Pipeline ? "pipeline" : ProgressText.Where(run);
            lines.Add($"{ProgressText.Time(run.LastUpdatedAt)} {where,-12} [{run.RuntimeStatus}] {ProgressText.RunLine(run)}");
        }

        if (PipelineEnding.Of(detail) is { } ending)
        {
            lines.Add($"ended: {ending.Outcome}: {ending.Sentence} (exit {ending.ExitCode})");
        }

        return lines;
    }
}
