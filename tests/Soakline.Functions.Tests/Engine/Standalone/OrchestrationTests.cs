using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>The programming model's basic shapes run on DTFx over Azurite through the SDK shims.</summary>
[Collection(EngineCollection.Name)]
public sealed class OrchestrationTests(EngineFixture fixture)
{
    private DurableTaskClient Client => fixture.Host.Client;

    [Fact]
    public async Task A_chain_of_activities_passes_each_result_to_the_next()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Chain", 10);

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(10, done.ReadOutputAs<int>());
        Assert.Equal(10, done.ReadInputAs<int>());
    }

    [Fact]
    public async Task A_fan_out_gathers_every_parallel_result()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 20);

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 20).Sum(i => i * i), done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task A_sub_orchestration_returns_its_result_and_knows_its_parent()
    {
        var childId = $"child-{Guid.NewGuid():N}";
        var parentId = await Client.ScheduleNewOrchestrationInstanceAsync("Parent", childId);

        var done = await Client.WaitForInstanceCompletionAsync(parentId, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var report = done.ReadOutputAs<ChildReport>()!;
        Assert.Equal("HELLO", report.Echo);
        Assert.Equal(childId, report.InstanceId);

        // The shim alone would leave context.Parent null; the dispatch middleware supplies it.
        Assert.Equal("Parent", report.ParentName);
        Assert.Equal(parentId, report.ParentInstanceId);
    }

    [Fact]
    public async Task A_top_level_orchestration_has_no_parent()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("TopLevel");

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal("no parent", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Continue_as_new_restarts_the_instance_under_the_same_id_with_the_new_input()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(id, done.InstanceId);
        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(3, done.ReadInputAs<int>());
    }

    [Fact]
    public async Task Custom_status_is_visible_while_the_orchestration_waits()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("StatusThenWait");

        var waiting = await Eventually.MatchAsync(
            () => Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            m => m?.SerializedCustomStatus is not null,
            "the custom status");
        await Client.RaiseEventAsync(id, "go", "approved");
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        // The metadata carries the client's converter, so the status reads as the type the orchestrator wrote.
        Assert.Equal("waiting", waiting!.ReadCustomStatusAs<Stage>()!.StageName);
        Assert.Equal("done", done.ReadCustomStatusAs<Stage>()!.StageName);
        Assert.Equal("approved", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Payloads_are_stored_as_camel_case_json()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("StatusThenWait");
        await Client.WaitForInstanceStartAsync(id, Eventually.Timeout());
        await Client.RaiseEventAsync(id, "go", "ok");

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal("""{"stageName":"done"}""", done.SerializedCustomStatus);
        Assert.Equal("\"ok\"", done.SerializedOutput);
    }
}
