using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// The chaos finding of issue 18 after the deploy fix: a rollback ran twice (its parent's episode re-run after a kill
/// started it again). The rollback and each analysis now run under ids derived from the environment run, and an
/// automatic rollback that already ended goes by its recorded end instead of acting, notifying and recording again.
/// </summary>
public sealed class RepeatedRollbackTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_breaching_run_rolls_back_and_analyses_under_ids_derived_from_the_run_outside_the_pipelines_prefix()
    {
        var (pipeline, run) = await BreachAsync();

        var rollback = await _h.Client.GetInstanceAsync($"rollback-of:{run}", getInputsAndOutputs: true);
        Assert.NotNull(rollback);
        Assert.Equal(RollbackStatus.RolledBack, rollback.ReadOutputAs<RollbackOutcome>()!.Status);
        Assert.NotNull(rollback.ReadInputAs<RollbackOrder>()!.DecidedAt);
        Assert.NotNull(await _h.Client.GetInstanceAsync($"analysis:{run}:1:1"));

        // Listing a pipeline's environment runs by its prefix finds them only, not their rollback or analyses.
        var underPipeline = new List<string>();
        await foreach (var instance in _h.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: pipeline + ":")))
        {
            underPipeline.Add(instance.InstanceId);
        }

        Assert.Equal([run], underPipeline);
    }

    [Fact]
    public async Task An_automatic_rollback_started_again_after_it_ended_goes_by_its_recorded_end_and_changes_nothing()
    {
        var (pipeline, run) = await BreachAsync();
        var first = (await _h.Client.GetInstanceAsync($"rollback-of:{run}", getInputsAndOutputs: true))!;
        var before = await EffectsAsync(pipeline);

        var again = await RollBackAgainAsync(first.ReadInputAs<RollbackOrder>()!);

        var outcome = first.ReadOutputAs<RollbackOutcome>()!;
        Assert.Equal((outcome.Status, outcome.Detail), (again.Status, again.Detail));
        Assert.Equal(before, await EffectsAsync(pipeline));
    }

    public static TheoryData<string> NotItsOwnEnd =>
    [
        "a rollback started before the look-up existed",
        "another pipeline's end",
        "another environment's end",
        "a component's failure, not the end",
        "an end recorded before this rollback was decided",
    ];

    [Theory]
    [MemberData(nameof(NotItsOwnEnd))]
    public async Task A_rollback_without_its_own_recorded_end_acts(string which)
    {
        var (pipeline, run) = await BreachAsync();
        var order = (await _h.Client.GetInstanceAsync($"rollback-of:{run}", getInputsAndOutputs: true))!.ReadInputAs<RollbackOrder>()!;
        order = which switch
        {
            "a rollback started before the look-up existed" => order with { DecidedAt = null },
            "another pipeline's end" => order with { FailedPipelineId = "release:acme:shop:main:other" },
            "another environment's end" => order with { Environment = "staging" },
            // The same pipeline id run again after its instance was purged: the first run's end is history.
            "an end recorded before this rollback was decided" => order with { DecidedAt = _h.Clock.GetUtcNow().AddSeconds(1) },
            _ => order with { FailedPipelineId = "release:acme:shop:main:partway" },
        };
        if (which == "a component's failure, not the end")
        {
            await _h.Store.RecordAsync(
                new ReleaseTransition(Guid.NewGuid().ToString("N"), order.FailedPipelineId!, order.Environment, TransitionKind.RollbackFailed, _h.Clock.GetUtcNow(), "api back to r1", Component: "api"),
                CancellationToken.None);
        }

        var rollbacks = _h.Deploy.Rollbacks.Count;

        await RollBackAgainAsync(order);

        Assert.True(_h.Deploy.Rollbacks.Count > rollbacks, $"{which}: the hosts were not rolled back again");
    }

    /// <summary>A canary whose error rate breaches at once: the run rolls back. Returns the pipeline and environment run ids.</summary>
    private async Task<(string Pipeline, string Run)> BreachAsync()
    {
        _h.Metrics.Canary = query => query == "error-rate" ? 9.0 : 0.2;
        var (pipeline, outcome) = await _h.ApprovedReleaseAsync();
        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        Assert.NotEmpty(_h.Deploy.Rollbacks);
        return (pipeline, PipelineInstanceIds.ForEnvironmentRun(pipeline, "production"));
    }

    /// <summary>What the engine did in the chaos run: the same rollback order started again.</summary>
    private async Task<RollbackOutcome> RollBackAgainAsync(RollbackOrder order)
    {
        var id = await _h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RollbackOrchestrator), order, new StartOrchestrationOptions($"rollback-again:{Guid.NewGuid():N}"));
        return await _h.RunAsync<RollbackOutcome>(id);
    }

    /// <summary>Everything a rollback does that a second one must not do again.</summary>
    private async Task<string> EffectsAsync(string pipeline)
    {
        var kinds = await _h.KindsAsync(pipeline);
        return $"host rollbacks {_h.Deploy.Rollbacks.Count}, traffic restores {_h.Router.Restores.Count}, notifications {_h.Notifier.Sent.Count}, " +
            $"incident reports {_h.Incidents.Reports.Count}, timeline {string.Join(",", kinds)}";
    }
}
