using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Durable.Testing.InMemory;
using Soakline.Durable.Testing.Runtime;
using Soakline.Durable.Testing.Serialization;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// The last timeline finding of the chaos proof (issue 18): an episode the engine runs twice (its messages sent, then
/// the process killed before its history was committed) recorded its transitions twice, once per run of the episode,
/// under ids taken from each run's orchestration time. Transition ids now come from the execution and the count of its
/// records (<see cref="TransitionIds"/>), so the second record of the same transition is the same record.
/// </summary>
public sealed class ReRunEpisodeTransitionTests
{
    /// <summary>Transitions of a breaching canary, each recorded by the environment run, its rollback or the pipeline.</summary>
    public static TheoryData<TransitionKind> KindsOfABreach =>
    [
        TransitionKind.Approved,
        TransitionKind.StageStarted,
        TransitionKind.Breached,
        TransitionKind.RolledBack,
        TransitionKind.IncidentOpened,
        TransitionKind.ChangeFailed,
        TransitionKind.PipelineCompleted,
    ];

    [Theory]
    [MemberData(nameof(KindsOfABreach))]
    public async Task An_episode_run_again_after_its_record_ran_leaves_the_timeline_of_a_run_without_the_fault(TransitionKind lost)
    {
        var withoutFault = await BreachingTimelineAsync(lose: null);
        Assert.Contains(withoutFault, t => t.Kind == lost && !t.PipelineId.StartsWith("seed-", StringComparison.Ordinal));

        var withLostEpisode = await BreachingTimelineAsync(lose: lost);

        Assert.Equal(Describe(withoutFault), Describe(withLostEpisode));
        Assert.Equal(withoutFault.Count, withLostEpisode.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public async Task Two_runs_of_the_same_push_under_the_same_pipeline_id_record_under_different_ids()
    {
        // The instance purged by hand and the same push run again: the second run's records are its own, not
        // duplicates of the first run's, although its input is the same.
        await using var h = await PipelineHarness.StartWithStableProductionAsync();
        var id = await h.PushAsync("develop", PipelineHarness.NewSha, TestSpecs.Default);
        await h.RunAsync(id);
        var push = (await h.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadInputAs<PushEvent>();
        await h.Client.PurgeInstanceAsync(id);
        await h.Client.PurgeInstanceAsync(PipelineInstanceIds.ForEnvironmentRun(id, "staging"));
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReleaseOrchestrator), push, new StartOrchestrationOptions(id));
        await h.RunAsync(id);

        var runs = (await h.TransitionsAsync()).Where(t => t.PipelineId == id).ToList();
        Assert.Equal(2, runs.Count(t => t.Kind == TransitionKind.PipelineStarted));
        Assert.Equal(2, runs.Count(t => t.Kind == TransitionKind.EnvironmentAcquired));
        Assert.Equal(runs.Count, runs.Select(t => t.Id).Distinct().Count());
    }

    /// <summary>
    /// An approved canary whose error rate breaches at once, so it rolls back; with <paramref name="lose"/> set, the first
    /// episode that records that kind is lost after its record ran, and run again a second later.
    /// </summary>
    private static async Task<IReadOnlyList<ReleaseTransition>> BreachingTimelineAsync(TransitionKind? lose)
    {
        var payloads = DurablePayloads.Converter;
        bool RecordsLostKind(OrchestrationStepResult episode) =>
            lose is { } kind && episode.ActivityRequests.Any(a =>
                a.Name == nameof(RecordTransitionActivity) && payloads.Deserialize<ReleaseTransition>(a.Input)!.Kind == kind);
        await using var h = await PipelineHarness.StartWithStableProductionAsync(services => services
            .AddSingleton(sp => new LostEpisodeBackend(sp.GetRequiredService<InMemoryOrchestrationBackend>(), RecordsLostKind))
            .AddSingleton<IOrchestrationBackend>(sp => sp.GetRequiredService<LostEpisodeBackend>()));
        var backend = h.Host.Services.GetRequiredService<LostEpisodeBackend>();
        h.Metrics.Canary = query => query == "error-rate" ? 9.0 : 0.2;

        var id = await h.PushAsync("main", PipelineHarness.NewSha, TestSpecs.Default);
        await h.IdleAsync();
        await h.DecideAsync(id, "production", approved: true);
        var running = h.RunAsync(id);
        if (lose is not null)
        {
            var episode = await backend.Lost.WaitAsync(TimeSpan.FromMinutes(1));
            // The lost episode's messages left before the commit that never came: its record activity ran.
            foreach (var record in episode.ActivityRequests.Where(a => a.Name == nameof(RecordTransitionActivity)))
            {
                await h.Store.RecordAsync(payloads.Deserialize<ReleaseTransition>(record.Input)!, CancellationToken.None);
            }

            // Run again later: another orchestration time than the lost run had.
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            await backend.RunAgainAsync();
        }

        Assert.Equal(ReleaseStatus.RolledBack, (await running).Status);
        await h.IdleAsync();
        return await h.TransitionsAsync();
    }

    // What a reader of the timeline sees, without the times (the re-run episode's is later).
    private static string[] Describe(IEnumerable<ReleaseTransition> timeline) =>
        [.. timeline.Select(t => $"{t.PipelineId} {t.Environment} {t.Kind} {t.Component} {t.Release}").Order(StringComparer.Ordinal)];
}
