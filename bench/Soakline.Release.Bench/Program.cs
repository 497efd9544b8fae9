using System.Globalization;
using Soakline.Demo.Kit.App;
using Soakline.Demo.Kit.Hosts;
using Soakline.Demo.Kit.Scenario;

// The figures a release manager feels, measured on the engine Soakline ships: the demo's story (the app standalone on
// DTFx over Azurite, three local hosts, the approval mail) played once, then read back from the pipelines' timelines.
//   decision -> first canary host switched: the approval (Approved) to the first stage's StageStarted, which is
//     recorded once the first canary hosts run the new release.
//   breach -> rollback complete: the analysis that breached (Breached) to the last RolledBack of that pipeline.
// Usage: dotnet run --project bench/Soakline.Release.Bench -c Release [-- --root <repository> --app <Soakline.Functions.dll>]
var root = Argument("--root") ?? FindRepositoryRoot();
var appPath = Argument("--app") ?? Path.Combine(root, "src", "Soakline.Functions", "bin", "Release", "net10.0", "Soakline.Functions.dll");
if (!File.Exists(appPath))
{
    Console.Error.WriteLine($"Soakline.Release.Bench: the app is not built at {appPath} (./run bench builds it first).");
    return 2;
}

Console.WriteLine($"Soakline.Release.Bench: the demo's releases on DTFx over Azurite, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(20));
var quiet = TextWriter.Null;
await using var rig = await DemoRig.StartAsync(new DemoPaths(Path.Combine(root, "samples"), appPath), new LocalShellAccess(), quiet, stop.Token);
var outcome = await new DemoScenario(rig).RunAsync(stop.Token);
if (!outcome.Succeeded)
{
    Console.Error.WriteLine("Soakline.Release.Bench: the demo did not end as expected (promoted and rolled back); no figures.");
    return 1;
}

var canary = await TimelineAsync(rig.App, outcome.Canary.InstanceId, stop.Token);
var bad = await TimelineAsync(rig.App, outcome.BadRelease.InstanceId, stop.Token);
var decision = First(canary, "Approved");
var firstSwitch = First(canary, "StageStarted", after: decision);
var breach = First(bad, "Breached");
var rolledBack = Last(bad, "RolledBack");
Console.WriteLine($"decision -> first canary host switched: {Seconds(firstSwitch - decision)} s   (pipeline {outcome.Canary.InstanceId})");
Console.WriteLine($"breach -> rollback complete:            {Seconds(rolledBack - breach)} s   (pipeline {outcome.BadRelease.InstanceId})");
Console.WriteLine($"whole canary release (push to released, 4 stages, soaks as in the demo spec): {Seconds(outcome.Canary.Duration)} s");
return 0;

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? Path.GetFullPath(args[index + 1]) : null;
}

static string FindRepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Functions.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Functions.sln not found above the benchmark's folder: pass --root <repository>.");
}

static async Task<IReadOnlyList<(string Kind, DateTimeOffset At)>> TimelineAsync(SoaklineApp app, string instanceId, CancellationToken cancellationToken)
{
    var detail = await app.GetPipelineAsync(instanceId, cancellationToken) ?? throw new InvalidOperationException($"Pipeline {instanceId} not found.");
    return [.. detail.GetProperty("timeline").EnumerateArray().Select(entry => (
        entry.GetProperty("kind").GetString() ?? "",
        entry.GetProperty("at").GetDateTimeOffset()))];
}

static DateTimeOffset First(IReadOnlyList<(string Kind, DateTimeOffset At)> timeline, string kind, DateTimeOffset? after = null) =>
    timeline.Where(e => e.Kind == kind && (after is null || e.At >= after)).Select(e => (DateTimeOffset?)e.At).FirstOrDefault()
        ?? throw new InvalidOperationException($"No {kind} entry in the timeline ({string.Join(", ", timeline.Select(e => e.Kind))}).");

static DateTimeOffset Last(IReadOnlyList<(string Kind, DateTimeOffset At)> timeline, string kind) =>
    timeline.Where(e => e.Kind == kind).Select(e => (DateTimeOffset?)e.At).LastOrDefault()
        ?? throw new InvalidOperationException($"No {kind} entry in the timeline ({string.Join(", ", timeline.Select(e => e.Kind))}).");

static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
