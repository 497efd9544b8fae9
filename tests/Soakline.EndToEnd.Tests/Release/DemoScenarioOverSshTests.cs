using Soakline.Demo.Kit.Scenario;
using Soakline.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Soakline.EndToEnd.Tests.Release;

/// <summary>
/// <c>./run demo</c>'s whole scenario, played by the same code, against the app as a real process on Azurite, with
/// the SSH deploy target going through a real sshd to the three hosts: staging, an approved canary promoted through
/// 5/25/50/100, and a release that starts failing in its first soak rolled back automatically with an incident.
/// The app's own console output over the whole scenario is checked too (<see cref="AppLogCheck"/>).
/// </summary>
[Collection(SshReleaseCollection.Name)]
public sealed class DemoScenarioOverSshTests(SshReleaseFixture ssh, ITestOutputHelper output)
{
    private const string LogName = "demo-over-ssh.log";

    [Fact]
    public async Task The_demo_scenario_over_ssh_promotes_a_good_release_and_rolls_back_a_bad_one()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        await using var rig = await ssh.StartRigAsync(LogName, output, deadline.Token);

        var outcome = await new DemoScenario(rig).RunAsync(deadline.Token);

        Assert.True(outcome.StagingDeployed, $"staging: {outcome.Staging.Outcome}");
        Assert.True(outcome.FirstReleased, $"first release: {outcome.First.Outcome}");
        Assert.True(outcome.CanaryPromoted, $"canary: {outcome.Canary.Outcome}");
        Assert.True(outcome.BadReleaseRolledBack, $"bad release: {outcome.BadRelease.Outcome}, incidents {outcome.Incidents}");

        // The good release went through every canary stage; the bad one never got past its first.
        Assert.Equal(4, outcome.Canary.TimelineKinds.Count(k => k == "StageStarted"));
        Assert.Equal(1, outcome.BadRelease.TimelineKinds.Count(k => k == "StageStarted"));
        Assert.Contains("Breached", outcome.BadRelease.TimelineKinds);
        Assert.Contains("RolledBack", outcome.BadRelease.TimelineKinds);
        Assert.DoesNotContain("StagePromoted", outcome.BadRelease.TimelineKinds);

        // What the hosts run, seen from outside the app: staging has develop's build, production is back on 1.1.0.
        (await HostState.ReadAsync(rig.Hosts, "staging-1")).AssertServes(outcome.Commits.Develop);
        (await HostState.ReadAsync(rig.Hosts, "web-1")).AssertServes(outcome.Commits.Good);
        (await HostState.ReadAsync(rig.Hosts, "web-2")).AssertServes(outcome.Commits.Good);

        // The demo spec's dry-run metric (latency-p99, a zero budget) was printed beside the live ones with what it would
        // have decided, at every stage of the good release, which went through all the same; the bad release was rolled
        // back by a live check, named before the dry run in the reason.
        var printed = await File.ReadAllLinesAsync(Path.Combine(BuildLocations.OutputFolder, LogName), deadline.Token);
        Assert.Contains(printed, l => l.Contains("error-rate ", StringComparison.Ordinal) && l.Contains("latency-p99 (dry run) ", StringComparison.Ordinal) && l.Contains(" would breach", StringComparison.Ordinal));
        Assert.Equal(4, printed.Count(l => l.Contains("StagePromoted: ", StringComparison.Ordinal) && l.Contains("last analysis: latency-p99 (dry run): would breach", StringComparison.Ordinal)));
        // Every stage soaked the tests' shorter soak (committed into this run's copy of the demo spec), not the demo's.
        Assert.Equal(4, printed.Count(l => l.Contains("StagePromoted: ", StringComparison.Ordinal) && l.Contains($"promoted after {SshReleaseFixture.StageSoak};", StringComparison.Ordinal)));
        var liveReason = outcome.BadRelease.Outcome.Split("latency-p99 (dry run)")[0];
        // Rolled back by the failure limit during its first soak, not merely for ending that (shortened) soak unhealthy.
        Assert.Contains("2 consecutive failing analyses (limit 2)", liveReason, StringComparison.Ordinal);
        Assert.True(liveReason.Contains("error-rate: ", StringComparison.Ordinal) || liveReason.Contains("health ", StringComparison.Ordinal), outcome.BadRelease.Outcome);

        var incident = Assert.Single(rig.GitHub.Issues);
        Assert.Equal("open", incident.State);

        // The log of that whole run: one Information line per transition, each once, and nothing that should not be there.
        await AppLogCheck.AssertCleanAsync(rig, [outcome.Staging.InstanceId, outcome.First.InstanceId, outcome.Canary.InstanceId, outcome.BadRelease.InstanceId], deadline.Token);
    }
}
