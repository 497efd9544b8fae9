using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>The due times the orchestrators publish for the stuck-pipeline watchdog while they wait on timers.</summary>
public sealed class NextStepDueTests : IAsyncLifetime
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<PipelineStatus> ProductionStatusAsync(string id) =>
        (await _h.Client.GetInstanceAsync(PipelineInstanceIds.ForEnvironmentRun(id, "production"), getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!;

    [Fact]
    public async Task Awaiting_approval_publishes_the_deadline_and_soaking_publishes_the_next_analysis()
    {
        var id = await _h.PushAsync("main", PipelineHarness.NewSha, TestSpecs.Default);
        await _h.IdleAsync();

        var awaiting = await ProductionStatusAsync(id);
        Assert.Equal("awaiting-approval", awaiting.Stage);
        Assert.Equal(awaiting.Approval!.ExpiresAt, awaiting.NextStepDue);

        await _h.DecideAsync(id, "production", approved: true);
        await _h.IdleAsync();
        var soaking = await ProductionStatusAsync(id);
        Assert.Equal("stage 1: soaking", soaking.Stage);
        Assert.NotNull(soaking.NextStepDue);
        Assert.True(soaking.NextStepDue > _h.Clock.GetUtcNow(), $"due {soaking.NextStepDue:O} is after now {_h.Clock.GetUtcNow():O}");
        Assert.True(soaking.NextStepDue < awaiting.NextStepDue, "the approval deadline is not left behind once decided");

        // The timer fires at the published time: the analysis after it moves the due time on.
        var due = soaking.NextStepDue.Value;
        _h.Clock.Advance(due - _h.Clock.GetUtcNow());
        await _h.IdleAsync();
        Assert.True((await ProductionStatusAsync(id)).NextStepDue > due);
    }

    [Fact]
    public void Statuses_written_before_the_field_existed_read_without_it()
    {
        var old = System.Text.Json.JsonSerializer.Deserialize<PipelineStatus>("""{"stage":"stage 1: soaking","trafficPercent":5}""", Web)!;

        Assert.Equal("stage 1: soaking", old.Stage);
        Assert.Null(old.NextStepDue);
    }
}
