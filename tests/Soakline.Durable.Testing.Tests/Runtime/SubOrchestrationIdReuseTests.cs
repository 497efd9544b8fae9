using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing;

namespace Soakline.Durable.Testing.Tests.Runtime;

/// <summary>
/// The fake-clock host's answer to a second start of a sub-orchestration whose instance id a running instance holds:
/// it refuses the start and fails the second parent's call, where the standalone engine starts the child over
/// (docs/engine.md, "Sub-orchestrations"; Soakline.Functions.Tests' SubOrchestrationIdReuseTests).
/// </summary>
public sealed class SubOrchestrationIdReuseTests
{
    [Fact]
    public async Task A_second_start_of_a_running_child_id_fails_the_second_parent_and_leaves_the_child_alone()
    {
        const string childId = "held-child";
        await using var host = await DurableTaskTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Holder", async (ctx, input) => $"{input}:{await ctx.WaitForExternalEvent<string>("go")}")
            .AddOrchestratorFunc<string, string>("Starter", async (ctx, name) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Holder", name, new SubOrchestrationOptions(instanceId: childId));
                }
                catch (TaskFailedException e)
                {
                    return $"refused: {e.FailureDetails.ErrorMessage}";
                }
            }),
            new DurableTaskTestHostOptions { TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero)) });

        var first = await host.Client.ScheduleNewOrchestrationInstanceAsync("Starter", "A");
        await host.WaitForIdleAsync();
        var second = await host.Client.ScheduleNewOrchestrationInstanceAsync("Starter", "B");
        var refused = await host.RunUntilCompletedAsync(second);
        await host.Client.RaiseEventAsync(childId, "go", "go");
        var answered = await host.RunUntilCompletedAsync(first);

        Assert.Equal($"refused: An orchestration with instance id '{childId}' already exists and is Running.", refused.ReadOutputAs<string>());
        Assert.Equal("A:go", answered.ReadOutputAs<string>());
        Assert.Equal("A", (await host.Client.GetInstanceAsync(childId, getInputsAndOutputs: true))!.ReadInputAs<string>());
    }
}
