using Soakline.Cli.Models;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Soakline.Cli.Rendering;

/// <summary>
/// <c>soakline get</c>: the pipeline and each environment run (stage, environment, release, traffic, soak remaining),
/// each metric of the last analysis against its threshold, the ending once there is one, and the timeline's tail.
/// The live display re-renders this on every poll.
/// </summary>
internal static class PipelineDetailView
{
    public const int TimelineTail = 8;

    public static IRenderable Render(PipelineDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var pipeline = detail.Pipeline;
        var parts = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(pipeline.Id)}[/]  {Markup.Escape(ProgressText.Repository(pipeline))}"),
            new Columns(new Text("Status"), StatusView.Runtime(pipeline.RuntimeStatus), new Text($"since {pipeline.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC")) { Expand = false },
            Runs(detail),
        };
        if (StuckText.Line(pipeline) is { } stuck)
        {
            parts.Insert(2, stuck);
        }

        foreach (var run in detail.EnvironmentRuns.Where(r => r.Progress?.LastChecks is { Count: > 0 }))
        {
            parts.Add(Checks(run));
        }

        if (PipelineEnding.Of(detail) is { } ending)
        {
            parts.Add(StatusView.Ending(ending));
        }

        parts.Add(Timeline(detail.Timeline));
        return new Rows(parts);
    }

    private static Table Runs(PipelineDetail detail)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Runs")
            .AddColumns("Environment", "Stage", "Release", "Traffic", "Soak left", "Status", "Detail");
        foreach (var run in new[] { detail.Pipeline }.Concat(detail.EnvironmentRuns))
        {
            var progress = run.Progress;
            table.AddRow(
                new Text(run == detail.Pipeline ? "pipeline" : ProgressText.Where(run)),
                new Text(progress?.Stage ?? "–"),
                new Text(Release(progress)),
                run == detail.Pipeline && !run.HasEnded ? new Text("–") : Traffic(progress),
                new Text(run.HasEnded ? "–" : ProgressText.Soak(progress?.SoakRemaining)),
                StatusView.Runtime(run.RuntimeStatus),
                new Text(progress?.Detail ?? string.Empty));
        }

        return table;
    }

    private static Text Traffic(PipelineProgress? progress)
    {
        // A 10-cell bar keeps the column narrow and still shows 5% apart from 50% at a glance.
        var percent = progress?.TrafficPercent ?? 0;
        var filled = (int)Math.Round(Math.Clamp(percent, 0, 100) / 10.0);
        var requested = progress?.RequestedPercent is { } r && r != percent ? $" ({r}% requested)" : string.Empty;
        return new Text($"{new string('█', filled)}{new string('░', 10 - filled)} {percent,3}%{requested}");
    }

    /// <summary>The run's release, and the one serving once it ended on another (a rollback).</summary>
    private static string Release(PipelineProgress? progress) =>
        progress?.Serving is { Length: > 0 } serving && serving != progress.Release
            ? $"{progress.Release ?? "–"} (serving {serving})"
            : progress?.Release ?? "–";

    private static Table Checks(PipelineSummary run)
    {
        var progress = run.Progress!;
        var title = $"Analysis · {ProgressText.Where(run)}" + (progress.LastAnalysis is { Length: > 0 } summary ? $" · {summary}" : string.Empty);
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumns("Metric", "Value", "Threshold", "Baseline", "Verdict", "Judge", "Detail");
        foreach (var check in progress.LastChecks!)
        {
            table.AddRow(
                new Text(ProgressText.CheckName(check)),
                new Text(ProgressText.Number(check.Value)),
                new Text(ProgressText.Number(check.Limit)),
                new Text(ProgressText.Number(check.Baseline)),
                StatusView.Check(check),
                new Text(check.Judge is { } judge ? ProgressText.Judge(judge) : "–"),
                new Text(check.Detail ?? string.Empty));
        }

        return table;
    }

    private static Table Timeline(IReadOnlyList<TimelineEntry> timeline)
    {
        var table = new Table().Border(TableBorder.Simple).Title(timeline.Count > TimelineTail ? $"Timeline (last {TimelineTail} of {timeline.Count})" : "Timeline")
            .AddColumns("At (UTC)", "Environment", "Event", "Detail");
        foreach (var entry in timeline.Skip(Math.Max(0, timeline.Count - TimelineTail)))
        {
            table.AddRow(
                new Text(ProgressText.Time(entry.At)),
                new Text(entry.Environment ?? string.Empty),
                new Text(entry.Kind),
                new Text(entry.Actor is { Length: > 0 } actor ? $"{entry.Detail} (by {actor})" : entry.Detail ?? string.Empty));
        }

        return table;
    }
}
