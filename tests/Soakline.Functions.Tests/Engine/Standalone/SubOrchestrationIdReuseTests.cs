using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>
/// What the Durable Task Framework's Azure Storage provider does with a second start of a sub-orchestration whose
/// instance id is taken by a running instance: the question behind giving the rollback and analysis children fixed ids
/// (issue 18). A re-run of a lost episode sends such a second start (a new execution id, the same parent task); this
/// test sends it from a second parent, which the provider handles the same way: it cannot tell the two apart.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SubOrchestrationIdReuseTests(EngineFixture fixture)
{
    private const string Holder = "Holder";

    [Fact]
    public async Task A_second_start_of_a_running_child_id_starts_the_child_over_for_the_second_parent()
    {
        var childId = $"child-{Guid.NewGuid():N}";
        await using var host = await EngineHost.StartAsync(fixture.Azurite.ConnectionString, EngineFixture.NewTaskHubName(), r => r
            .AddOrchestratorFunc<string, string>(Holder, async (ctx, input) =>
            {
                ctx.SetCustomStatus($"waiting:{input}");
                return $"{input}:{await ctx.WaitForExternalEvent<string>("go")}";
            })
            .AddOrchestratorFunc<string, string>("Starter", (ctx, name) =>
                ctx.CallSubOrchestratorAsync<string>(Holder, name, new SubOrchestrationOptions(instanceId: childId))));

        var first = await host.Client.ScheduleNewOrchestrationInstanceAsync("Starter", "A");
        await WaitForStatusAsync(host, childId, "waiting:A");

        var second = await host.Client.ScheduleNewOrchestrationInstanceAsync("Starter", "B");
        // Not dropped, not refused: the child instance begins again with the second start's input.
        await WaitForStatusAsync(host, childId, "waiting:B");
        await host.Client.RaiseEventAsync(childId, "go", "go");

        var secondDone = await host.Client.WaitForInstanceCompletionAsync(second, getInputsAndOutputs: true, Eventually.Timeout());
        Assert.Equal((OrchestrationRuntimeStatus.Completed, "B:go"), (secondDone.RuntimeStatus, secondDone.ReadOutputAs<string>()));
        var child = (await host.Client.GetInstanceAsync(childId, getInputsAndOutputs: true))!;
        Assert.Equal(("B", "B:go"), (child.ReadInputAs<string>(), child.ReadOutputAs<string>()));

        // The first parent's child execution was replaced: no answer ever reaches it.
        var firstState = (await host.Client.GetInstanceAsync(first))!;
        Assert.Equal(OrchestrationRuntimeStatus.Running, firstState.RuntimeStatus);
    }

    private static Task<OrchestrationMetadata> WaitForStatusAsync(EngineHost host, string instanceId, string status) =>
        Eventually.MatchAsync(
            async () => (await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))!,
            m => m is not null && m.SerializedCustomStatus is { } s && s.Contains(status, StringComparison.Ordinal),
            $"{instanceId} to report {status}");
}
