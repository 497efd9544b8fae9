using System.Diagnostics;
using System.Globalization;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Tests.Orchestration;

// Wall time of a full production release on the in-memory backend with fake time: approval, then the default
// 5/25/50/100 canary with 30-minute soaks. With an analysis every minute that is 120 analyses, each a
// sub-orchestration reading 6 metrics and probing the canary hosts. Target: well under one second per release.
// The 30-second variant doubles the analyses; the time should roughly double too (no quadratic replay growth,
// thanks to continue-as-new between stages and every few analyses).
const int warmups = 10;
const int runs = 15;

await MeasureAsync("four-stage canary, 30-minute soaks, analysis every 1 min (120 analyses)", TestSpecs.Default);
await MeasureAsync("four-stage canary, 30-minute soaks, analysis every 30 s (240 analyses)", TestSpecs.With("analysis:\n  interval: 30s\n"));

static async Task MeasureAsync(string scenario, string spec)
{
    var timings = new List<TimeSpan>();
    for (var i = 0; i < warmups + runs; i++)
    {
        await using var harness = await PipelineHarness.StartWithStableProductionAsync();
        var watch = Stopwatch.StartNew();
        var (_, outcome) = await harness.ApprovedReleaseAsync(spec);
        watch.Stop();

        if (outcome.Status != ReleaseStatus.Released)
        {
            throw new InvalidOperationException($"The benchmark release ended {outcome.Status}: {outcome.Detail}");
        }

        if (i >= warmups)
        {
            timings.Add(watch.Elapsed);
        }
    }

    timings.Sort();
    static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
    Console.WriteLine($"{scenario}, {runs} runs after {warmups} warm-ups:");
    Console.WriteLine($"  min {Ms(timings[0])} ms, median {Ms(timings[runs / 2])} ms, max {Ms(timings[^1])} ms");
}
