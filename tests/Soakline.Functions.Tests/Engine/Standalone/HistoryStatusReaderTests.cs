using DurableTask.Core;
using DurableTask.Core.History;
using Newtonsoft.Json;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>
/// An instances row without a runtime status (a process killed between an instance's first history write and its
/// instances row, then the next episode's merge creating a partial row; the chaos proof found such an approval that
/// could not be delivered) is read from the execution's history instead of failing the client.
/// </summary>
public sealed class HistoryStatusReaderTests
{
    private static OrchestrationState Unreadable() => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = "release:a:b:main:1:production", ExecutionId = "e1" },
        OrchestrationStatus = (OrchestrationStatus)(-1),
    };

    private static string History(params HistoryEvent[] events) => JsonConvert.SerializeObject(events);

    [Fact]
    public void A_started_execution_without_an_end_reads_as_running_with_its_name_and_input()
    {
        var state = Unreadable();
        Assert.True(HistoryStatusReader.IsUnreadable(state));

        HistoryStatusReader.Repair(state, History(
            new OrchestratorStartedEvent(-1),
            new ExecutionStartedEvent(-1, "{\"environment\":\"production\"}") { Name = "ProductionOrchestrator" },
            new TaskScheduledEvent(0, "RequestApprovalActivity")));

        Assert.False(HistoryStatusReader.IsUnreadable(state));
        Assert.Equal(OrchestrationStatus.Running, state.OrchestrationStatus);
        Assert.Equal("ProductionOrchestrator", state.Name);
        Assert.Equal("{\"environment\":\"production\"}", state.Input);
    }

    [Fact]
    public void A_completed_execution_reads_as_its_final_status_and_output()
    {
        var state = Unreadable();

        HistoryStatusReader.Repair(state, History(
            new ExecutionStartedEvent(-1, "in") { Name = "ProductionOrchestrator" },
            new ExecutionCompletedEvent(7, "\"done\"", OrchestrationStatus.Failed)));

        Assert.Equal(OrchestrationStatus.Failed, state.OrchestrationStatus);
        Assert.Equal("\"done\"", state.Output);
    }

    [Fact]
    public void No_history_reads_as_pending_and_a_readable_state_is_left_alone()
    {
        var state = Unreadable();
        HistoryStatusReader.Repair(state, "[]");
        Assert.Equal(OrchestrationStatus.Pending, state.OrchestrationStatus);

        var running = new OrchestrationState { OrchestrationStatus = OrchestrationStatus.Running };
        Assert.False(HistoryStatusReader.IsUnreadable(running));
    }
}
