using Soakline.Demo.Kit.App;

namespace Soakline.Demo.Kit.Scenario;

/// <summary>
/// The demo's story, played on a <see cref="DemoRig"/>: (a) develop → staging, (b) main → approval mail → the first
/// production release, then 1.1.0 → approval → canary 5 → 25 → 50 → 100 → promoted, (c) 1.2.0, which starts failing
/// in its first canary stage → automatic rollback and an incident. Prints progress and a summary.
/// </summary>
public sealed class DemoScenario(DemoRig rig)
{
    public static readonly TimeSpan PipelineTimeout = TimeSpan.FromMinutes(6);
    public const string ZeroSha = "0000000000000000000000000000000000000000";

    /// <summary>Seconds after start when the bad release fails: past its deploy-time health checks, inside its first soak.</summary>
    public const int FailAfterSeconds = 6;

    public async Task<DemoOutcome> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var repository = rig.Repository;
        var app = rig.App;

        rig.Say("(a) push to develop -> staging");
        var develop = await repository.HeadAsync("develop").ConfigureAwait(false);
        var staging = await FollowAsync(await app.PushAsync(DemoRepository.FullName, "develop", ZeroSha, develop, "Sample app", cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (!staging.TimelineKinds.Any(k => k.StartsWith("E2E", StringComparison.Ordinal)))
        {
            rig.Say("E2E: skipped (no workflow configured: the demo repository is not on GitHub)");
        }

        rig.Say("(b) push to main: production's first release goes to every host at once (no stable release to canary against)");
        var first = await repository.HeadAsync("main").ConfigureAwait(false);
        var baseline = await FollowAsync(await app.PushAsync(DemoRepository.FullName, "main", ZeroSha, first, "Sample app", cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        rig.Say("    push to main: release 1.1.0 -> approval -> canary 5 -> 25 -> 50 -> 100");
        var good = await repository.CommitAsync("Sample app 1.1.0", new Dictionary<string, string> { ["VERSION"] = "1.1.0\n" }).ConfigureAwait(false);
        var promoted = await FollowAsync(await app.PushAsync(DemoRepository.FullName, "main", first, good, "Sample app 1.1.0", cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        rig.Say($"(c) push to main: release 1.2.0, which starts failing {FailAfterSeconds}s after it starts (FAIL_AFTER committed) -> canary");
        var bad = await repository.CommitAsync("Sample app 1.2.0 (a bug: fails after a while)", new Dictionary<string, string>
        {
            ["VERSION"] = "1.2.0\n",
            ["FAIL_AFTER"] = $"{FailAfterSeconds}\n",
        }).ConfigureAwait(false);
        var rolledBack = await FollowAsync(await app.PushAsync(DemoRepository.FullName, "main", good, bad, "Sample app 1.2.0", cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        var incidents = rig.GitHub.Issues;
        foreach (var incident in incidents)
        {
            rig.Say($"incident #{incident.Number} ({incident.State}): {incident.Title} {incident.Url}");
        }

        foreach (var request in rig.GitHub.Unanswered)
        {
            rig.Say($"note: the local GitHub had no answer for {request}");
        }

        var outcome = new DemoOutcome(staging, baseline, promoted, rolledBack, incidents.Count, new DemoCommits(develop, first, good, bad));
        PrintSummary(outcome);
        return outcome;
    }

    /// <summary>Follows a pipeline, approving through the mail whenever one of its runs starts waiting for approval.</summary>
    public Task<PipelineResult> FollowAsync(string instanceId, CancellationToken cancellationToken, Func<PipelineProgress, Task>? alsoOnProgress = null) =>
        rig.Watcher.FollowAsync(instanceId, PipelineTimeout, async progress =>
        {
            if (progress.IsNewStage && progress.Stage == "awaiting-approval")
            {
                await rig.Desk.ApproveNextMailAsync(cancellationToken).ConfigureAwait(false);
            }

            if (alsoOnProgress is not null)
            {
                await alsoOnProgress(progress).ConfigureAwait(false);
            }
        }, cancellationToken);

    private void PrintSummary(DemoOutcome outcome)
    {
        var output = rig.Output;
        output.WriteLine();
        output.WriteLine("Summary");
        output.WriteLine($"  staging     {(outcome.StagingDeployed ? "deployed" : "NOT deployed"),-14} {outcome.Staging.Duration.TotalSeconds,4:0}s  {outcome.Staging.Outcome}");
        output.WriteLine($"  first       {(outcome.FirstReleased ? "released" : "NOT released"),-14} {outcome.First.Duration.TotalSeconds,4:0}s  {outcome.First.Outcome}");
        output.WriteLine($"  canary      {(outcome.CanaryPromoted ? "promoted" : "NOT promoted"),-14} {outcome.Canary.Duration.TotalSeconds,4:0}s  {outcome.Canary.Outcome}");
        output.WriteLine($"  bad release {(outcome.BadReleaseRolledBack ? "rolled back" : "NOT rolled back"),-14} {outcome.BadRelease.Duration.TotalSeconds,4:0}s  {outcome.BadRelease.Outcome}; incidents: {outcome.Incidents}");
        output.WriteLine($"  logs: {rig.LogsFolder}");
    }
}
