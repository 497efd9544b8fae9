using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Durable.Testing.History;
using Soakline.Durable.Testing.InMemory;
using Soakline.Durable.Testing.Runtime;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Stores;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// The chaos finding of issue 18: the engine re-ran the episode that starts the environment run, which then began
/// again under another release id and asked for an approval already given. The release id comes from replayed history
/// now, and an environment run created again goes by the decision its pipeline recorded for that environment and release.
/// </summary>
public sealed class RecreatedEnvironmentRunTests : IAsyncLifetime
{
    private const string PipelineId = "release:acme:shop:main:recreated";
    private const string RunId = PipelineId + ":production";
    private static readonly ReleaseId ThisRelease = ReleaseId.Create(PipelineHarness.Start, PipelineHarness.NewSha);

    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_re_run_of_the_episode_that_starts_the_environment_run_gives_it_the_same_release_and_input()
    {
        var commit = new CommitRef(PipelineHarness.Repository, PipelineHarness.NewSha, "main");
        var childId = PipelineInstanceIds.ForEnvironmentRun(PipelineInstanceIds.ForPush(commit), "production");
        await using var h = await PipelineHarness.StartWithStableProductionAsync(services => services
            .AddSingleton(sp => LostEpisodeBackend.StartingChild(sp.GetRequiredService<InMemoryOrchestrationBackend>(), childId))
            .AddSingleton<IOrchestrationBackend>(sp => sp.GetRequiredService<LostEpisodeBackend>()));
        var lost = h.Host.Services.GetRequiredService<LostEpisodeBackend>();

        var id = await h.PushAsync("main", PipelineHarness.NewSha, TestSpecs.Default);
        var lostEpisode = await lost.Lost.WaitAsync(TimeSpan.FromMinutes(1));
        var lostInput = lostEpisode.AppendedHistory.OfType<SubOrchestrationCreated>().Single(e => e.InstanceId == childId).Input;
        // The engine runs the episode again later: another orchestration time than the lost run had.
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await lost.RunAgainAsync();
        await h.IdleAsync();

        var child = (await h.Client.GetInstanceAsync(childId, getInputsAndOutputs: true))!;
        Assert.Equal(lostInput, child.SerializedInput);
        Assert.Equal(ReleaseId.Create(PipelineHarness.Start, PipelineHarness.NewSha), child.ReadInputAs<PipelineRun>()!.Release);
        Assert.Equal("awaiting-approval", child.ReadCustomStatusAs<PipelineStatus>()!.Stage);
        Assert.Single(await h.KindsAsync(id), TransitionKind.ApprovalRequested);
    }

    [Fact]
    public async Task The_release_id_is_the_pipelines_start_even_when_the_environment_is_taken_later()
    {
        // Pending checks hold the gate for three polls, so the environment run starts well after the push.
        _h.SourceControl.CheckStateOnRead = read => read < 3 ? CheckState.Pending : CheckState.Success;
        var sha = PipelineHarness.Sha(3);

        var id = await _h.PushAsync("develop", sha, TestSpecs.Default);
        var outcome = await _h.RunAsync(id);

        var child = (await _h.Client.GetInstanceAsync(PipelineInstanceIds.ForEnvironmentRun(id, "staging"), getInputsAndOutputs: true))!;
        Assert.True(child.CreatedAt > PipelineHarness.Start, $"the environment run started at {child.CreatedAt:O}, not after the gate's polls");
        Assert.Equal(ReleaseId.Create(PipelineHarness.Start, sha), child.ReadInputAs<PipelineRun>()!.Release);
        Assert.Equal((ReleaseStatus.Deployed, ReleaseId.Create(PipelineHarness.Start, sha)), (outcome.Status, outcome.Release));
    }

    [Fact]
    public async Task A_run_created_again_after_the_approval_proceeds_without_asking_again()
    {
        await StartRunAsync();
        await DecideAsync(approved: true);
        Assert.NotEmpty(_h.Deploy.Deploys);

        await RecreateRunAsync();

        var status = (await _h.Client.GetInstanceAsync(RunId, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.Equal((ApprovalOutcome.Approved, "lead@example.com"), (status.Approval!.Outcome, status.Approval.DecidedBy));
        Assert.Single(_h.Approvals.Requests);
        Assert.Equal(ReleaseStatus.Released, (await _h.RunAsync(RunId)).Status);
        var kinds = await _h.KindsAsync(PipelineId);
        Assert.Single(kinds, TransitionKind.ApprovalRequested);
        Assert.Single(kinds, TransitionKind.Approved);
        var honoured = Assert.Single(await _h.TransitionsAsync("production"), t => t.Kind == TransitionKind.DecisionHonoured);
        Assert.Equal(("lead@example.com", ThisRelease), (honoured.Actor, honoured.Release));
        Assert.StartsWith("already approved by lead@example.com", honoured.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_created_again_after_a_rejection_ends_rejected_as_before_without_asking_or_notifying_again()
    {
        await StartRunAsync();
        await DecideAsync(approved: false);
        var first = await _h.RunAsync(RunId);
        Assert.Equal(ReleaseStatus.Rejected, first.Status);
        var notified = _h.Notifier.Sent.Count;

        await RecreateRunAsync();
        var second = await _h.RunAsync(RunId);

        Assert.Equal((ReleaseStatus.Rejected, first.Detail, first.Release), (second.Status, second.Detail, second.Release));
        Assert.Single(_h.Approvals.Requests);
        Assert.Equal(notified, _h.Notifier.Sent.Count);
        var kinds = await _h.KindsAsync(PipelineId);
        Assert.Single(kinds, TransitionKind.Rejected);
        Assert.Single(kinds, TransitionKind.DecisionHonoured);
        Assert.Empty(_h.Deploy.Deploys);
    }

    public static TheoryData<string, string, string> Strangers => new()
    {
        { "another pipeline", "release:acme:shop:main:other", "production" },
        { "another release", PipelineId, "production" },
        { "another environment", PipelineId, "staging" },
    };

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task A_decision_recorded_for_another_pipeline_release_or_environment_does_not_count(string which, string pipelineId, string environment)
    {
        var release = which == "another release" ? ReleaseId.Create(PipelineHarness.Start.AddHours(-2), PipelineHarness.NewSha) : ThisRelease;
        await RecordApprovalAsync(pipelineId, environment, release);

        await StartRunAsync();

        Assert.Single(_h.Approvals.Requests);
        var status = (await _h.Client.GetInstanceAsync(RunId, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.Equal(("awaiting-approval", ApprovalOutcome.Waiting), (status.Stage, status.Approval!.Outcome));
        Assert.DoesNotContain(TransitionKind.DecisionHonoured, await _h.KindsAsync(PipelineId));
        Assert.Empty(_h.Deploy.Deploys);
    }

    [Fact]
    public async Task A_run_started_before_the_look_up_existed_asks_as_it_always_did()
    {
        // Its history has no look-up to replay; a recorded decision does not change what it does.
        await RecordApprovalAsync(PipelineId, "production", ThisRelease);

        await StartRunAsync(honours: false);

        Assert.Single(_h.Approvals.Requests);
        Assert.DoesNotContain(TransitionKind.DecisionHonoured, await _h.KindsAsync(PipelineId));
    }

    [Fact]
    public async Task When_the_timeline_cannot_be_read_the_gate_asks()
    {
        // Registered after the harness's store, so activities use this one; the test reads and seeds its inner store.
        var timeline = new InMemoryReleaseStore();
        await using var h = await PipelineHarness.StartWithStableProductionAsync(services => services.AddSingleton<IReleaseStore>(new UnreadableTimelineStore(timeline)));
        await timeline.RecordAsync(Approval(PipelineId, "production", ThisRelease), CancellationToken.None);

        await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProductionOrchestrator), Run(honours: true), new StartOrchestrationOptions(RunId));
        // The look-up's three attempts, 5 s then 10 s apart on durable timers.
        await h.IdleAsync();
        while (h.Approvals.Requests.IsEmpty && h.Clock.GetUtcNow() < PipelineHarness.Start.AddMinutes(1))
        {
            h.Clock.Advance(TimeSpan.FromSeconds(10));
            await h.IdleAsync();
        }

        Assert.Single(h.Approvals.Requests);
        var status = (await h.Client.GetInstanceAsync(RunId, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.Equal(("awaiting-approval", ApprovalOutcome.Waiting), (status.Stage, status.Approval!.Outcome));
        // The approver's day is counted from the request, not from before the look-up's retries.
        Assert.True(h.Clock.GetUtcNow() > PipelineHarness.Start, "the look-up's retries should have taken time");
        Assert.Equal(h.Clock.GetUtcNow().AddHours(24), status.Approval.ExpiresAt);
        var recorded = await timeline.GetTransitionsAsync(new TransitionQuery(PipelineId: PipelineId), CancellationToken.None);
        Assert.Single(recorded, t => t.Kind == TransitionKind.ApprovalRequested);
        Assert.DoesNotContain(recorded, t => t.Kind == TransitionKind.DecisionHonoured);
    }

    private static PipelineRun Run(bool honours) => new(
        PipelineId,
        new CommitRef(PipelineHarness.Repository, PipelineHarness.NewSha, "main"),
        TestSpecs.Default,
        "production",
        BranchMode.Approval,
        ThisRelease,
        PipelineHarness.Start.AddHours(-1),
        "dev@example.com",
        "change",
        OverrideE2E: false,
        Approvers: ["lead@example.com"],
        HonoursRecordedDecision: honours);

    private async Task StartRunAsync(bool honours = true)
    {
        await _h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProductionOrchestrator), Run(honours), new StartOrchestrationOptions(RunId));
        await _h.IdleAsync();
    }

    private async Task DecideAsync(bool approved)
    {
        await _h.Client.RaiseEventAsync(RunId, PipelineEvents.Approval, new ApprovalDecision(approved, "lead@example.com", _h.Clock.GetUtcNow(), DecisionId: "d-lead"));
        await _h.IdleAsync();
    }

    /// <summary>What the engine did in the chaos run: the same environment run, same input, started over.</summary>
    private async Task RecreateRunAsync()
    {
        var running = await _h.Client.GetInstanceAsync(RunId);
        if (running is { IsCompleted: false })
        {
            await _h.Client.TerminateInstanceAsync(RunId, "the engine starts it over");
            await _h.IdleAsync();
        }

        _h.Clock.Advance(TimeSpan.FromMinutes(5));
        await StartRunAsync();
    }

    private Task RecordApprovalAsync(string pipelineId, string environment, ReleaseId release) =>
        _h.Store.RecordAsync(Approval(pipelineId, environment, release), CancellationToken.None);

    private static ReleaseTransition Approval(string pipelineId, string environment, ReleaseId release) =>
        new(Guid.NewGuid().ToString("N"), pipelineId, environment, TransitionKind.Approved, PipelineHarness.Start, "approved by lead@example.com", Release: release, Actor: "lead@example.com");

    /// <summary>The release store with a timeline that cannot be read (a storage outage); everything else works.</summary>
    private sealed class UnreadableTimelineStore(InMemoryReleaseStore inner) : IReleaseStore
    {
        public Task RecordAsync(ReleaseTransition transition, CancellationToken cancellationToken) => inner.RecordAsync(transition, cancellationToken);

        public Task<IReadOnlyList<ReleaseTransition>> GetTransitionsAsync(TransitionQuery query, CancellationToken cancellationToken) =>
            throw new IOException("the timeline is unavailable");

        public Task<DeployedRelease?> GetCurrentReleaseAsync(string environment, string component, CancellationToken cancellationToken) =>
            inner.GetCurrentReleaseAsync(environment, component, cancellationToken);

        public Task<IReadOnlyList<DeployedRelease>> GetReleaseHistoryAsync(string environment, string component, CancellationToken cancellationToken) =>
            inner.GetReleaseHistoryAsync(environment, component, cancellationToken);

        public Task<EnvironmentLease> AcquireEnvironmentAsync(string environment, string holder, ConcurrencyMode mode, CancellationToken cancellationToken) =>
            inner.AcquireEnvironmentAsync(environment, holder, mode, cancellationToken);

        public Task ReleaseEnvironmentAsync(string environment, string holder, CancellationToken cancellationToken) =>
            inner.ReleaseEnvironmentAsync(environment, holder, cancellationToken);
    }
}
