using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using RazorSlices;
using Soakline.Functions.Api;
using Soakline.Functions.Dashboard;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.Api;

/// <summary>What the API's <c>outcome</c> says for each way an orchestration can finish.</summary>
public sealed class OutcomeSummaryTests
{
    private static OrchestrationMetadata Finished(string name, OrchestrationRuntimeStatus status, string? output = null, TaskFailureDetails? failure = null) =>
        new(name, "release:acme:shop:main:0123456")
        {
            RuntimeStatus = status,
            SerializedOutput = output,
            FailureDetails = failure,
        };

    [Fact]
    public void A_completed_pipeline_reports_its_release_status_by_name_and_its_sentence()
    {
        var output = $$"""{"status":{{(int)ReleaseStatus.RolledBack}},"detail":"2 failing analyses; rollback (RolledBack): app back","environment":"production"}""";

        var outcome = OutcomeSummary.Of(Finished(nameof(ReleaseOrchestrator), OrchestrationRuntimeStatus.Completed, output));

        Assert.Equal(new OutcomeSummary("RolledBack", "2 failing analyses; rollback (RolledBack): app back"), outcome);
    }

    [Fact]
    public void A_crash_caught_by_the_orchestrator_is_reported_as_Crashed_with_its_step()
    {
        var output = $$"""{"status":{{(int)ReleaseStatus.Crashed}},"detail":"StagingOrchestrator failed: DeployComponentActivity failed: ssh lost"}""";

        var outcome = OutcomeSummary.Of(Finished(nameof(ReleaseOrchestrator), OrchestrationRuntimeStatus.Completed, output));

        Assert.Equal(new OutcomeSummary("Crashed", "StagingOrchestrator failed: DeployComponentActivity failed: ssh lost"), outcome);
    }

    [Fact]
    public void An_orchestration_the_engine_failed_gets_its_sentence_from_the_failure_details_without_secrets()
    {
        var failure = new TaskFailureDetails("System.InvalidOperationException", "Task 'GetChecksActivity' (#3) failed with an unhandled exception: GET https://x:token123@api.example/checks?sig=abc failed", "   at Stack.Trace()", null, null);

        var outcome = OutcomeSummary.Of(Finished(nameof(ReleaseOrchestrator), OrchestrationRuntimeStatus.Failed, failure: failure));

        Assert.Equal(new OutcomeSummary("Crashed", "ReleaseOrchestrator failed: GetChecksActivity failed: GET https://***@api.example/checks?*** failed"), outcome);
    }

    [Fact]
    public void A_terminated_pipeline_says_so_with_the_operators_reason()
    {
        Assert.Equal(new OutcomeSummary("Terminated", "terminated: stuck host"), OutcomeSummary.Of(Finished(nameof(ReleaseOrchestrator), OrchestrationRuntimeStatus.Terminated, "\"stuck host\"")));
        Assert.Equal(new OutcomeSummary("Terminated", "terminated by an operator"), OutcomeSummary.Of(Finished(nameof(ReleaseOrchestrator), OrchestrationRuntimeStatus.Terminated)));
    }

    [Fact]
    public void A_rollbacks_own_instance_reports_its_rollback_status()
    {
        var outcome = OutcomeSummary.Of(Finished(nameof(RollbackOrchestrator), OrchestrationRuntimeStatus.Completed, """{"status":2,"detail":"production is being changed by another pipeline","components":[]}"""));

        Assert.Equal(new OutcomeSummary("Refused", "production is being changed by another pipeline"), outcome);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running, nameof(ReleaseOrchestrator), "{\"status\":6,\"detail\":\"x\"}")]
    [InlineData(OrchestrationRuntimeStatus.Completed, nameof(MonitorSweepOrchestrator), "{\"checks\":[]}")]
    [InlineData(OrchestrationRuntimeStatus.Completed, nameof(ReleaseOrchestrator), "not json")]
    public void Running_or_unknown_orchestrations_have_no_outcome(OrchestrationRuntimeStatus status, string name, string output) =>
        Assert.Null(OutcomeSummary.Of(Finished(name, status, output)));

    [Fact]
    public async Task The_dashboard_shows_the_outcome_typed_and_in_a_sentence()
    {
        var html = await OutcomeLineAsync(new OutcomeSummary("Crashed", "StagingOrchestrator failed: <boom>"));

        Assert.Contains("<span class=\"badge tone-bad\">Crashed</span>", html, StringComparison.Ordinal);
        Assert.Contains("StagingOrchestrator failed: &lt;boom&gt;", html, StringComparison.Ordinal);
        Assert.Contains("hidden", await OutcomeLineAsync(null), StringComparison.Ordinal);
    }

    /// <summary>The pipeline page's outcome line for a pipeline with this outcome (null: still running).</summary>
    private static async Task<string> OutcomeLineAsync(OutcomeSummary? outcome)
    {
        var pipeline = new PipelineSummary("release:acme:shop:main:abc", nameof(ReleaseOrchestrator), "Completed", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, outcome);
        return await Soakline.Functions.Dashboard.Slices.OutcomeLine.Create(pipeline).RenderAsync(Soakline.Functions.Hosting.HtmlPages.Encoder);
    }

    [Theory]
    [InlineData("Released", "ok")]
    [InlineData("Deployed", "ok")]
    [InlineData("NothingToDeploy", "muted")]
    [InlineData("Crashed", "bad")]
    [InlineData("RolledBack", "bad")]
    public void An_outcome_is_coloured_by_what_it_means(string status, string tone) =>
        Assert.Equal(tone, StatusTone.ForOutcome(status));
}
