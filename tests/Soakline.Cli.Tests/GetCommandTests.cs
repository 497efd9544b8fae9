using System.Text.Json;
using Soakline.Cli.Tests.Infrastructure;

namespace Soakline.Cli.Tests;

/// <summary><c>soakline get</c> and <c>--watch</c> against a local server that plays a pipeline's states.</summary>
public sealed class GetCommandTests : IAsyncLifetime
{
    private static readonly object Soaking = ApiJson.Status(
        "stage 2: soaking", "production", "20261206T210000Z-0123456", traffic: 25, soak: "00:04:12", lastAnalysis: "2 of 2 checks pass", healthy: true,
        checks: [ApiJson.Check("error-rate", 0, 0.4, 5), ApiJson.Check("latency-p95", 1, 1250, 1000, baseline: 300, detail: "above its limit")]);

    private FakeSoaklineApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeSoaklineApi.StartAsync();

    private string[] Args(params string[] args) => [.. args, "--url", _api.BaseUrl.AbsoluteUri, "--api-key", FakeSoaklineApi.Key];

    private static string Running(object production, params object[] timeline) =>
        ApiJson.Detail("Running", ApiJson.Status("production", "production", detail: "see " + ApiJson.Id + ":production"), production, "Running", timeline);

    [Fact]
    public async Task Shows_stage_environment_release_traffic_soak_each_metric_against_its_threshold_and_the_timeline()
    {
        _api.Script(ApiJson.Id, Running(Soaking, ApiJson.Entry("StageStarted", "production", "stage 2: 25%", minute: 3)));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id));

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n');
        var production = lines.Single(l => l.Contains("stage 2: soaking", StringComparison.Ordinal));
        Assert.Contains("production", production, StringComparison.Ordinal);
        Assert.Contains("20261206T210000Z-0123456", production, StringComparison.Ordinal);
        Assert.Contains("25%", production, StringComparison.Ordinal);
        Assert.Contains("4:12", production, StringComparison.Ordinal);
        var latency = lines.Single(l => l.Contains("latency-p95", StringComparison.Ordinal));
        Assert.Contains("1250", latency, StringComparison.Ordinal);
        Assert.Contains("1000", latency, StringComparison.Ordinal);
        Assert.Contains("300", latency, StringComparison.Ordinal);
        Assert.Contains("BREACH", latency, StringComparison.Ordinal);
        Assert.Contains("ok", lines.Single(l => l.Contains("error-rate", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("StageStarted", StringComparison.Ordinal) && l.Contains("stage 2: 25%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_metric_is_marked_and_shows_what_it_would_have_decided_without_a_breach_verdict()
    {
        var soaking = ApiJson.Status("stage 1: soaking", "production", "20261206T210000Z-0123456", traffic: 5, soak: "00:00:09", healthy: true,
            checks: [ApiJson.Check("error-rate", 0, 0.4, 5), ApiJson.Check("latency-p99", 1, 812, 500, dryRun: true)]);
        _api.Script(ApiJson.Id, Running(soaking));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id));

        Assert.True(run.ExitCode == 0, run.ToString());
        var latency = run.Out.Split('\n').Single(l => l.Contains("latency-p99", StringComparison.Ordinal));
        Assert.Contains("latency-p99 (dry run)", latency, StringComparison.Ordinal);
        Assert.Contains("812", latency, StringComparison.Ordinal);
        Assert.Contains("would breach", latency, StringComparison.Ordinal);
        Assert.DoesNotContain("BREACH", latency, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_the_judge_verdict_with_p_shift_and_sample_counts()
    {
        var judged = ApiJson.Status(
            "stage 1: soaking", "production", "20261206T210000Z-0123456", traffic: 5, soak: "00:10:00", healthy: false,
            checks: [ApiJson.Check("latency", 4, 0.26, 5, judge: ApiJson.Judge(1, 60, 60, 0.00012, 0.06, 0.3)), ApiJson.Check("errors", 2, 0.1, 5, judge: ApiJson.Judge(2, 4, 60))]);
        _api.Script(ApiJson.Id, Running(judged));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id));

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = string.Join(' ', run.Out.Split('\n').Select(l => l.Trim()));
        Assert.Contains("JUDGE: WORSE", text, StringComparison.Ordinal);
        Assert.Contains("p 0.0001", text, StringComparison.Ordinal);
        Assert.Contains("(+30%)", text, StringComparison.Ordinal);
        Assert.Contains("n 60/60", text, StringComparison.Ordinal);
        Assert.Contains("judge no data", text, StringComparison.Ordinal);
        Assert.Contains("n 4/60", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_only_the_tail_of_a_long_timeline()
    {
        var timeline = Enumerable.Range(1, 12).Select(i => ApiJson.Entry("StageStarted", "production", $"entry-{i:00}", minute: i)).ToArray();
        _api.Script(ApiJson.Id, Running(Soaking, timeline));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id));

        Assert.DoesNotContain("entry-04", run.Out, StringComparison.Ordinal);
        Assert.Contains("entry-05", run.Out, StringComparison.Ordinal);
        Assert.Contains("entry-12", run.Out, StringComparison.Ordinal);
        Assert.Contains("last 8 of 12", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_prints_the_pipeline_as_the_api_sent_it()
    {
        var state = Running(Soaking);
        _api.Script(ApiJson.Id, state);

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id, "--json"));

        Assert.Equal(state, run.Out.Trim());
    }

    [Fact]
    public async Task An_unknown_pipeline_is_not_found_with_a_hint()
    {
        var run = await CliRun.StartAsync(Args("get", "release:nope"));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Contains("pipeline 'release:nope' was not found", run.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
        Assert.Contains("soakline pipelines", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_without_a_terminal_prints_one_line_per_change_until_the_pipeline_ends()
    {
        var deploying = ApiJson.Status("stage 1: deploying", "production", "20261206T210000Z-0123456", traffic: 5);
        var started = ApiJson.Entry("StageStarted", "production", "stage 1: 5%", minute: 1);
        _api.Script(
            ApiJson.Id,
            Running(deploying, started),
            Running(deploying, started),
            Running(Soaking, started),
            Running(ApiJson.Status("stage 2: soaking", "production", "20261206T210000Z-0123456", traffic: 25, soak: "00:04:10", checks: [ApiJson.Check("error-rate", 0, 0.4, 5), ApiJson.Check("latency-p95", 1, 1250, 1000, baseline: 300)]), started),
            ApiJson.Ended("Released", "20261206T210000Z-0123456 on every host of app"));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id, "--watch", "--interval", "20ms"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(5, _api.Reads(ApiJson.Id));
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.Contains("stage 1: deploying", StringComparison.Ordinal));
        // The soak countdown alone (4:12 -> 4:10) is not a change worth a line.
        Assert.Single(lines, l => l.Contains("stage 2: soaking", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("StageStarted: stage 1: 5%", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("latency-p95 1250/1000 BREACH", StringComparison.Ordinal));
        Assert.Equal("ended: Released: 20261206T210000Z-0123456 on every host of app (exit 0)", lines[^1]);
    }

    [Theory]
    [InlineData("RolledBack", "Completed", ExitCodes.RolledBack)]
    [InlineData("Rejected", "Completed", ExitCodes.Rejected)]
    [InlineData("Refused", "Completed", ExitCodes.PipelineRefused)]
    [InlineData("ApprovalExpired", "Completed", ExitCodes.ApprovalExpired)]
    [InlineData("SpecInvalid", "Completed", ExitCodes.SpecInvalid)]
    [InlineData("GateFailed", "Completed", ExitCodes.GateFailed)]
    [InlineData("DeployFailed", "Completed", ExitCodes.PipelineFailed)]
    [InlineData("Deployed", "Completed", ExitCodes.Success)]
    [InlineData("SomethingNew", "Completed", ExitCodes.PipelineFailed)]
    [InlineData("Released", "Failed", ExitCodes.PipelineFailed)]
    [InlineData("Released", "Terminated", ExitCodes.Terminated)]
    [InlineData("Crashed", "Completed", ExitCodes.PipelineFailed)]
    [InlineData("SpecUnavailable", "Completed", ExitCodes.PipelineFailed)]
    [InlineData("PolicyRefused", "Completed", ExitCodes.PipelineRefused)]
    public async Task Watch_exits_with_the_code_that_says_how_the_pipeline_ended(string outcome, string runtimeStatus, int expected)
    {
        _api.Script(ApiJson.Id, Running(Soaking), ApiJson.Ended(outcome, "why it ended", runtimeStatus));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id, "--watch", "--interval", "20ms"));

        Assert.True(run.ExitCode == expected, run.ToString());
        Assert.Contains("why it ended", run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_takes_the_typed_outcome_over_the_status_text()
    {
        // The final status text says Released; the API's typed outcome says it crashed: the outcome wins.
        var ended = ApiJson.Ended("Released", "a status text that is not the outcome").Replace(
            "\"outcome\":{\"status\":\"Released\",\"reason\":\"a status text that is not the outcome\"}",
            "\"outcome\":{\"status\":\"Crashed\",\"reason\":\"StagingOrchestrator failed: DeployComponentActivity failed: ssh lost\"}",
            StringComparison.Ordinal);
        Assert.Contains("Crashed", ended, StringComparison.Ordinal);
        _api.Script(ApiJson.Id, Running(Soaking), ended);

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id, "--watch", "--interval", "20ms"));

        Assert.True(run.ExitCode == ExitCodes.PipelineFailed, run.ToString());
        Assert.Contains("Crashed: StagingOrchestrator failed: DeployComponentActivity failed: ssh lost", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RolledBack", ExitCodes.RolledBack)]
    [InlineData("Released", ExitCodes.Success)]
    public async Task Watch_reads_an_app_without_the_typed_outcome_from_its_final_status(string outcome, int expected)
    {
        _api.Script(ApiJson.Id, Running(Soaking), ApiJson.EndedWithoutOutcome(outcome, "why it ended"));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id, "--watch", "--interval", "20ms"));

        Assert.True(run.ExitCode == expected, run.ToString());
    }

    [Theory]
    [InlineData("RolledBack", ExitCodes.Success)]
    [InlineData("AbortRequested", ExitCodes.Success)]
    [InlineData("Failed", ExitCodes.PipelineFailed)]
    [InlineData("Refused", ExitCodes.PipelineRefused)]
    public async Task A_rollbacks_own_id_ends_by_its_rollback_status(string status, int expected)
    {
        _api.Script("rollback:production:1", ApiJson.RollbackEnded(status, "what the rollback did"));

        var run = await CliRun.StartAsync(Args("get", "rollback:production:1", "--watch", "--interval", "20ms"));

        Assert.True(run.ExitCode == expected, run.ToString());
    }

    [Fact]
    public async Task Watch_with_json_prints_one_document_per_change()
    {
        _api.Script(ApiJson.Id, Running(Soaking), Running(Soaking), ApiJson.Ended("RolledBack", "latency-p95 breached twice"));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id, "--watch", "--interval", "20ms", "--json"));

        Assert.Equal(ExitCodes.RolledBack, run.ExitCode);
        var documents = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["Running", "Completed"], documents.Select(d => d.GetProperty("pipeline").GetProperty("runtimeStatus").GetString()));
    }

    [Fact]
    public async Task Watch_on_a_terminal_renders_live_and_exits_with_the_ending()
    {
        _api.Script(ApiJson.Id, Running(Soaking), Running(Soaking), ApiJson.Ended("RolledBack", "latency-p95 breached twice"));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id, "--watch", "--interval", "20ms"), terminal: true);

        Assert.True(run.ExitCode == ExitCodes.RolledBack, run.ToString());
        Assert.Equal(3, _api.Reads(ApiJson.Id));
        Assert.Contains("Ended: RolledBack: latency-p95 breached twice (exit 11)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_rides_out_an_app_that_stops_answering_for_a_moment()
    {
        _api.Script(ApiJson.Id, Running(Soaking), FakeSoaklineApi.Drop, FakeSoaklineApi.Drop, Running(Soaking), ApiJson.Ended("Released", "on every host"));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id, "--watch", "--interval", "20ms"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        // At least one failed read is reported (the HTTP client may retry a dropped request once by itself).
        Assert.Contains(run.Out.Split('\n'), l => l.StartsWith("(the app is not answering: cannot reach the Soakline app", StringComparison.Ordinal));
        Assert.EndsWith("ended: Released: on every host (exit 0)", run.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_of_a_pipeline_that_already_ended_reads_it_once()
    {
        _api.Script(ApiJson.Id, ApiJson.Ended("Rejected", "rejected by alice: not today"));

        var run = await CliRun.StartAsync(Args("get", ApiJson.Id, "--watch"));

        Assert.Equal(ExitCodes.Rejected, run.ExitCode);
        Assert.Equal(1, _api.Reads(ApiJson.Id));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("soon")]
    [InlineData("10m")]
    public async Task A_bad_interval_is_a_usage_error(string interval)
    {
        var run = await CliRun.StartAsync(Args("get", ApiJson.Id, "--watch", "--interval", interval));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"--interval: '{interval}'", run.Error, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
