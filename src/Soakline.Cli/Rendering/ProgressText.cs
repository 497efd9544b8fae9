using System.Globalization;
using Soakline.Cli.Models;

namespace Soakline.Cli.Rendering;

/// <summary>The words and numbers shared by the live view and the line output, so both say the same thing.</summary>
internal static class ProgressText
{
    public static string Soak(TimeSpan? remaining) =>
        remaining is not { } left ? "–"
        : left <= TimeSpan.Zero ? "ending"
        : left.TotalHours >= 1 ? left.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : left.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    public static string Number(double? value) =>
        value is not { } number ? "–" : number.ToString(Math.Abs(number) >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);

    public static string Verdict(CheckState state) => state switch
    {
        CheckState.Pass => "ok",
        CheckState.Breach => "BREACH",
        CheckState.NoData => "no data",
        CheckState.Unhealthy => "UNHEALTHY",
        CheckState.JudgeFailed => "JUDGE: WORSE",
        _ => state.ToString(),
    };

    /// <summary>A check's name, marked when it is a dry run: "<c>latency-p99 (dry run)</c>".</summary>
    public static string CheckName(CheckReading check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.DryRun ? $"{check.Name} (dry run)" : check.Name;
    }

    /// <summary>The verdict; for a dry run what it would have decided ("<c>would breach</c>"), which never counts.</summary>
    public static string CheckVerdict(CheckReading check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return !check.DryRun ? Verdict(check.Status) : check.Status switch
        {
            CheckState.Pass => "would pass",
            CheckState.Breach => "would breach",
            CheckState.NoData => "would fail on no data",
            _ => $"would fail ({Verdict(check.Status).ToLowerInvariant()})",
        };
    }

    /// <summary>"<c>judge worse p 0.0001 shift +0.06 (+30%) n 60/60</c>": the numbers behind a judge's verdict, compact.</summary>
    public static string Judge(JudgeReading judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var counts = string.Create(CultureInfo.InvariantCulture, $"n {judge.CanaryCount}/{judge.BaselineCount}");
        return judge.Decision switch
        {
            JudgeState.NoData => $"judge no data {counts}",
            var decision => string.Create(
                CultureInfo.InvariantCulture,
                $"judge {(decision == JudgeState.CanaryWorse ? "worse" : "ok")} p {judge.PValue:0.####} shift {judge.Shift:+0.###;-0.###;0}{(judge.Effect is { } e ? string.Create(CultureInfo.InvariantCulture, $" ({e:+0.#%;-0.#%;0%})") : string.Empty)} {counts}"),
        };
    }

    /// <summary>"<c>checkout · stage 2: soaking · traffic 25% · soak 4:12 left · analysis ok: ...</c>", only what is set.</summary>
    /// <param name="withSoak">False for the change key: the countdown alone is not a change worth a line.</param>
    public static string RunLine(PipelineSummary run, bool withSoak = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        var progress = run.Progress;
        var parts = new List<string> { progress?.Stage ?? run.RuntimeStatus.ToLowerInvariant() };
        if (progress is null)
        {
            return parts[0];
        }

        if (progress.Release is { Length: > 0 } release)
        {
            parts.Add(release);
        }

        if (Traffic(progress) is { } traffic)
        {
            parts.Add($"traffic {traffic}");
        }

        if (progress.Serving is { Length: > 0 } serving && serving != progress.Release)
        {
            parts.Add($"serving {serving}");
        }

        if (withSoak && progress.SoakRemaining is { } soak)
        {
            parts.Add(soak > TimeSpan.Zero ? $"soak {Soak(soak)} left" : "soak ending");
        }

        if (progress.LastChecks is { Count: > 0 } checks)
        {
            parts.Add(string.Join(", ", checks.Select(c => $"{CheckName(c)} {Number(c.Value)}/{Number(c.Limit)} {CheckVerdict(c)}{(c.Judge is { } judge ? $" [{Judge(judge)}]" : string.Empty)}")));
        }
        else if (progress.LastAnalysis is { Length: > 0 } analysis)
        {
            parts.Add($"analysis {(progress.LastAnalysisHealthy == false ? "failing" : "ok")}: {analysis}");
        }

        if (progress.Detail is { Length: > 0 } detail)
        {
            parts.Add(detail);
        }

        return string.Join(" · ", parts);
    }

    /// <summary>
    /// "50%", or "50% (5% requested)" when the router applied another share than the stage asked for; null when no
    /// traffic goes to the new release and no stage asked for any.
    /// </summary>
    public static string? Traffic(PipelineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var requested = progress.RequestedPercent is { } r && r != progress.TrafficPercent ? $" ({r}% requested)" : string.Empty;
        return progress.TrafficPercent > 0 || requested.Length > 0 ? $"{progress.TrafficPercent}%{requested}" : null;
    }

    /// <summary>The environment a run works on, or its orchestrator when its status does not say.</summary>
    public static string Where(PipelineSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Progress?.Environment is { Length: > 0 } environment ? environment : run.Orchestrator;
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Repository(PipelineSummary pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Push is { } push ? $"{push.Repository}@{push.Branch} {push.ShortSha}" : pipeline.Orchestrator;
    }
}
