using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>Sub-orchestrations: results and failures propagate to the parent; instance ids can be chosen.</summary>
public abstract class SubOrchestrationConformance(IDurableBackendFixture fixture) : ConformanceTestBase(fixture)
{
    [Fact]
    public async Task A_sub_orchestration_result_flows_to_the_parent()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Increment", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("Increment", x))
            .AddOrchestratorFunc<int, int>("Parent", async (ctx, x) =>
            {
                var first = await ctx.CallSubOrchestratorAsync<int>("Child", x);
                return await ctx.CallSubOrchestratorAsync<int>("Child", first, new SubOrchestrationOptions(instanceId: $"{ctx.InstanceId}-second"));
            }));

        var id = await StartAsync(host, "Parent", 40);
        var done = await CompletionOf(host, id);

        Assert.Equal(42, done.ReadOutputAs<int>());
        var named = await host.Client.GetInstanceAsync($"{id}-second", getInputsAndOutputs: true);
        Assert.NotNull(named);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, named.RuntimeStatus);
        Assert.Equal("Child", named.Name);
    }

    [Fact]
    public async Task A_sub_orchestration_failure_reaches_the_parent_as_TaskFailedException()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("FailingChild", _ => Throw<string>(new ArgumentException("child input was bad")))
            .AddOrchestratorFunc<string>("CatchingParent", async ctx =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync("FailingChild");
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                }
            }));

        var id = await StartAsync(host, "CatchingParent");

        Assert.Equal("System.ArgumentException: child input was bad", (await CompletionOf(host, id)).ReadOutputAs<string>());
    }
}
