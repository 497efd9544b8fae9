using Soakline.Demo.Kit.App;
using Soakline.Demo.Kit.Scenario;
using Soakline.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Soakline.EndToEnd.Tests.Release;

/// <summary>
/// The app is killed (SIGKILL: no shutdown, nothing flushed) in the middle of a canary soak and started again with
/// the same storage and settings: the pipeline carries on from what was committed and finishes the release correctly,
/// deploying over a real sshd as in production.
/// </summary>
[Collection(SshReleaseCollection.Name)]
public sealed class CrashDuringSoakTests(SshReleaseFixture ssh, ITestOutputHelper output)
{
    /// <summary>
    /// Soak left when the app is killed: more than the demo's analysis interval (3 s) twice over, so the restart,
    /// once the pending analysis timer fell due, normally happens inside the soak it interrupted (the rig soaks
    /// <see cref="SshReleaseFixture.StageSoak"/>; on a loaded machine the restart may come after that soak's end, and
    /// the overdue timer's analysis then ends the stage).
    /// </summary>
    private static readonly TimeSpan MinimumSoakLeft = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_release_whose_app_is_killed_mid_soak_and_restarted_is_promoted_on_every_host()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await using var rig = await ssh.StartRigAsync("crash-during-soak.log", output, deadline.Token);
        var scenario = new DemoScenario(rig);

        rig.Say("first production release (approved; no canary without a stable release)");
        var first = await rig.Repository.HeadAsync("main");
        var baseline = await scenario.FollowAsync(await rig.App.PushAsync(DemoRepository.FullName, "main", DemoScenario.ZeroSha, first, "Sample app", deadline.Token), deadline.Token);
        Assert.StartsWith("Released", baseline.Outcome, StringComparison.Ordinal);

        rig.Say("release 1.1.0: canary, with the app killed while the 25% stage soaks");
        var good = await rig.Repository.CommitAsync("Sample app 1.1.0", new Dictionary<string, string> { ["VERSION"] = "1.1.0\n" });
        TimeSpan? soakLeftAtKill = null;
        async Task KillDuringSecondSoak(PipelineProgress progress)
        {
            // The 25% stage by its number: with two hosts it routes 50% (one host), which is what the status shows.
            // Killed while the soak waits on its next analysis timer, so that timer falls due while the app is down.
            if (soakLeftAtKill is null && progress.Environment == "production" && progress.Stage == "stage 2: soaking"
                && progress.SoakRemaining > MinimumSoakLeft && progress.NextStepDue is { } due && due > DateTimeOffset.UtcNow)
            {
                soakLeftAtKill = progress.SoakRemaining;
                rig.Say($"killing the app (SIGKILL) with {progress.SoakRemaining?.TotalSeconds:0}s of the 25% soak left, next analysis due {due:HH:mm:ss.fff}");
                await rig.App.KillAsync();
                // Down until the interrupted soak's analysis timer is overdue: the restarted app must pick up a timer
                // that fired while nothing ran (the durable timer's due time is the state waited on, not a fixed pause).
                await Eventually.MatchAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > due, due - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1), "the interrupted soak's analysis timer to fall due");

                rig.Say("the soak's next analysis is overdue; starting the app again (same task hub, same settings)");
                await rig.App.RestartAsync(deadline.Token);
            }
        }

        var canary = await scenario.FollowAsync(await rig.App.PushAsync(DemoRepository.FullName, "main", first, good, "Sample app 1.1.0", deadline.Token), deadline.Token, KillDuringSecondSoak);

        Assert.True(soakLeftAtKill is not null, "the 25% stage was never seen soaking, so the app was not killed during it");
        Assert.Equal(2, rig.App.Starts);
        Assert.True(canary.Outcome.StartsWith("Released", StringComparison.Ordinal), $"canary after the restart: {canary.Outcome}");
        Assert.Equal(4, canary.TimelineKinds.Count(k => k == "StageStarted"));
        Assert.DoesNotContain("Breached", canary.TimelineKinds);
        Assert.DoesNotContain("RollbackStarted", canary.TimelineKinds);
        (await HostState.ReadAsync(rig.Hosts, "web-1")).AssertServes(good);
        (await HostState.ReadAsync(rig.Hosts, "web-2")).AssertServes(good);
        Assert.Empty(rig.GitHub.Issues);
    }
}
