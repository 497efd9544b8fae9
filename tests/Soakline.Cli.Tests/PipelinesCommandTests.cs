using Soakline.Cli.Tests.Infrastructure;

namespace Soakline.Cli.Tests;

/// <summary><c>soakline pipelines</c> against a local server that speaks the API.</summary>
public sealed class PipelinesCommandTests : IAsyncLifetime
{
    private FakeSoaklineApi _api = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSoaklineApi.StartAsync();
        _api.ListBody = ApiJson.Serialize(new[]
        {
            ApiJson.Summary(ApiJson.Id, "Running", ApiJson.Status("production", "production", "20261206T210000Z-0123456"), input: ApiJson.Push()),
            ApiJson.Summary("release:demo:shop:develop:fedcba9876543210fedcba9876543210fedcba98", "Completed", ApiJson.Status("completed", "staging"), input: ApiJson.Push(branch: "develop", sha: "fedcba9876543210fedcba9876543210fedcba98")),
        });
    }

    private string[] Args(params string[] args) => [.. args, "--url", _api.BaseUrl.AbsoluteUri, "--api-key", FakeSoaklineApi.Key];

    [Fact]
    public async Task Lists_each_pipeline_with_its_repository_branch_commit_status_and_stage()
    {
        var run = await CliRun.StartAsync(Args("pipelines"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var row = run.Out.Split('\n').Single(l => l.Contains(ApiJson.Id, StringComparison.Ordinal));
        Assert.Contains("demo/shop", row, StringComparison.Ordinal);
        Assert.Contains("main", row, StringComparison.Ordinal);
        Assert.Contains("0123456", row, StringComparison.Ordinal);
        Assert.Contains("Running", row, StringComparison.Ordinal);
        Assert.Contains("production", row, StringComparison.Ordinal);
        Assert.Contains(run.Out.Split('\n'), l => l.Contains("develop", StringComparison.Ordinal) && l.Contains("Completed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_prints_the_api_answer_as_it_came()
    {
        var run = await CliRun.StartAsync(Args("pipelines", "--json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(_api.ListBody, run.Out.Trim());
    }

    [Fact]
    public async Task Filters_become_the_api_query_and_the_key_travels_as_x_api_key()
    {
        var run = await CliRun.StartAsync(Args("pipelines", "--repository", "demo/shop", "--branch", "feature/x y", "--status", "Running", "--limit", "5"));

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(_api.Requests);
        Assert.Equal("?repository=demo%2Fshop&branch=feature%2Fx%20y&status=Running&limit=5", request.Query);
        Assert.Equal(FakeSoaklineApi.Key, request.ApiKey);
    }

    [Fact]
    public async Task An_empty_list_says_so()
    {
        _api.ListBody = "[]";

        var run = await CliRun.StartAsync(Args("pipelines"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No pipelines match.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_the_api_refuses_prints_its_message_and_exits_non_zero()
    {
        _api.Override = (System.Net.HttpStatusCode.BadRequest, "application/json", """{"error":"limit: must be 1 to 500, was 0"}""");

        var run = await CliRun.StartAsync(Args("pipelines", "--limit", "0"));

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("limit: must be 1 to 500, was 0", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
