using System.Text.Json.Nodes;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;
using static Soakline.Integrations.Tests.GitHub.GitHubFakeApi;

namespace Soakline.Integrations.Tests.GitHub;

public sealed class GitHubSourceControlTests : IDisposable
{
    private readonly GitHubFakeApi _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Checks_combine_check_runs_and_statuses_and_take_the_newest_rerun()
    {
        _api.Map("GET", $"/repos/acme/shop/commits/{Sha}/check-runs", 200, """
            {"total_count":3,"check_runs":[
              {"id":10,"name":"build","status":"completed","conclusion":"failure","details_url":"https://ci/build/10"},
              {"id":11,"name":"build","status":"completed","conclusion":"success","details_url":"https://ci/build/11"},
              {"id":12,"name":"unit","status":"in_progress","conclusion":null}]}
            """);
        _api.Map("GET", $"/repos/acme/shop/commits/{Sha}/status", 200, """
            {"state":"failure","sha":"0123","total_count":1,"statuses":[
              {"id":1,"context":"lint","state":"failure","target_url":"https://ci/lint","description":"3 problems"}]}
            """);

        var checks = await _api.SourceControl().GetChecksAsync(Commit, ["build", "unit", "lint", "e2e"], CancellationToken.None);

        Assert.Equal(
            [
                new CheckResult("build", CheckState.Success, "https://ci/build/11"),
                new CheckResult("unit", CheckState.Pending, null),
                new CheckResult("lint", CheckState.Failure, "https://ci/lint"),
                new CheckResult("e2e", CheckState.Missing),
            ],
            checks.Checks);
        Assert.True(checks.AnyFailed);
        Assert.False(checks.AllSucceeded);
        Assert.All(_api.Http.Requests, r => Assert.Equal($"Bearer {Token}", HttpApiServer.Header(r, "Authorization")));
    }

    [Fact]
    public async Task Workflow_dispatch_posts_the_ref_and_inputs()
    {
        _api.Map("POST", "/repos/acme/shop/actions/workflows/e2e.yml/dispatches", 204);

        await _api.SourceControl().DispatchWorkflowAsync(
            new WorkflowDispatch(Repo, "e2e.yml", "main", new Dictionary<string, string> { ["sha"] = Sha, ["environment"] = "staging" }),
            CancellationToken.None);

        var request = Assert.Single(_api.Http.RequestsTo("/api/v3/repos/acme/shop/actions/workflows/e2e.yml/dispatches"));
        Assert.Equal("POST", request.RequestMessage!.Method);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$$"""{"ref":"main","inputs":{"sha":"{{{Sha}}}","environment":"staging"}}"""),
            HttpApiServer.JsonBody(request)));
    }

    [Fact]
    public async Task Latest_workflow_run_is_the_newest_for_the_commit()
    {
        _api.Map("GET", "/repos/acme/shop/actions/workflows/e2e.yml/runs", 200, $$"""
            {"total_count":2,"workflow_runs":[
              {"id":501,"head_sha":"{{Sha}}","status":"completed","conclusion":"success","html_url":"https://gh/runs/501","created_at":"2026-11-23T10:00:00Z"},
              {"id":502,"head_sha":"{{Sha}}","status":"completed","conclusion":"timed_out","html_url":"https://gh/runs/502","created_at":"2026-11-23T10:30:00Z"}]}
            """);

        var run = await _api.SourceControl().FindLatestWorkflowRunAsync(Repo, "e2e.yml", Sha, CancellationToken.None);

        Assert.Equal(new WorkflowRunStatus(502, true, WorkflowConclusion.TimedOut, "https://gh/runs/502", new DateTimeOffset(2026, 11, 23, 10, 30, 0, TimeSpan.Zero)), run);
        var request = Assert.Single(_api.Http.Requests).RequestMessage!;
        Assert.Equal(Sha, request.Query!["head_sha"].Single());
    }

    [Fact]
    public async Task Running_workflow_has_no_conclusion_and_no_run_is_null()
    {
        _api.Map("GET", "/repos/acme/shop/actions/workflows/e2e.yml/runs", 200, $$"""
            {"total_count":1,"workflow_runs":[{"id":7,"head_sha":"{{Sha}}","status":"in_progress","conclusion":null,"html_url":"https://gh/runs/7","created_at":"2026-11-23T10:00:00Z"}]}
            """);
        _api.Map("GET", "/repos/acme/shop/actions/workflows/other.yml/runs", 200, """{"total_count":0,"workflow_runs":[]}""");
        var sourceControl = _api.SourceControl();

        var running = await sourceControl.FindLatestWorkflowRunAsync(Repo, "e2e.yml", Sha, CancellationToken.None);
        var none = await sourceControl.FindLatestWorkflowRunAsync(Repo, "other.yml", Sha, CancellationToken.None);

        Assert.NotNull(running);
        Assert.False(running.IsCompleted);
        Assert.Null(running.Conclusion);
        Assert.Null(none);
    }

    [Fact]
    public async Task File_content_is_read_at_the_commit()
    {
        var encoded = Convert.ToBase64String("version: 1\nenvironments: {}\n"u8.ToArray());
        _api.Http.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/v3/repos/acme/shop/contents/.soakline.yml").WithParam("ref", Sha).UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"type":"file","name":".soakline.yml","path":".soakline.yml","encoding":"base64","content":"{{encoded}}"}"""));

        var text = await _api.SourceControl().GetFileContentAsync(Commit, ".soakline.yml", CancellationToken.None);

        Assert.Equal("version: 1\nenvironments: {}\n", text);
    }

    [Fact]
    public async Task Missing_file_is_null_but_a_missing_repository_is_an_error_that_says_so()
    {
        _api.Map("GET", "/repos/acme/shop/contents/.soakline.yml", 404, """{"message":"Not Found"}""");
        _api.Map("GET", "/repos/acme/shop", 200, """{"id":1,"name":"shop","full_name":"acme/shop"}""");
        _api.Map("GET", "/repos/acme/gone/contents/.soakline.yml", 404, """{"message":"Not Found"}""");
        _api.Map("GET", "/repos/acme/gone", 404, """{"message":"Not Found"}""");
        var sourceControl = _api.SourceControl();

        var missingFile = await sourceControl.GetFileContentAsync(Commit, ".soakline.yml", CancellationToken.None);
        var error = await Assert.ThrowsAsync<SourceControlException>(() =>
            sourceControl.GetFileContentAsync(Commit with { Repository = new("acme", "gone") }, ".soakline.yml", CancellationToken.None));

        Assert.Null(missingFile);
        Assert.Contains("acme/gone", error.Message, StringComparison.Ordinal);
        Assert.Contains("install the App", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_paths_come_from_the_compare_api_including_both_sides_of_a_rename()
    {
        _api.Map("GET", "/repos/acme/shop/compare/aaaaaaa...bbbbbbb", 200, """
            {"status":"ahead","files":[
              {"filename":"api/Program.cs","status":"modified"},
              {"filename":"web/new.css","previous_filename":"web/old.css","status":"renamed"},
              {"filename":"README.md","status":"added"}]}
            """);

        var paths = await _api.SourceControl().GetChangedPathsAsync(Repo, "aaaaaaa", "bbbbbbb", CancellationToken.None);

        Assert.Equal(["api/Program.cs", "web/new.css", "web/old.css", "README.md"], paths);
    }

    [Fact]
    public async Task A_comparison_at_the_file_limit_is_rebuilt_from_its_commits()
    {
        var files = string.Join(",", Enumerable.Range(0, 300).Select(i => $$"""{"filename":"gen/file{{i}}.txt","status":"added"}"""));
        _api.Map("GET", "/repos/acme/shop/compare/aaaaaaa...bbbbbbb", 200,
            $$"""{"status":"ahead","total_commits":2,"commits":[{"sha":"c1"},{"sha":"c2"}],"files":[{{files}}]}""");
        _api.Map("GET", "/repos/acme/shop/commits/c1", 200, """{"sha":"c1","files":[{"filename":"gen/file0.txt","status":"added"},{"filename":"api/Program.cs","status":"modified"}]}""");
        _api.Map("GET", "/repos/acme/shop/commits/c2", 200, """{"sha":"c2","files":[{"filename":"web/site.css","status":"modified"}]}""");

        var paths = await _api.SourceControl().GetChangedPathsAsync(Repo, "aaaaaaa", "bbbbbbb", CancellationToken.None);

        Assert.Equal(["gen/file0.txt", "api/Program.cs", "web/site.css"], paths);
    }

    [Fact]
    public async Task A_comparison_too_big_to_rebuild_is_an_error_rather_than_a_partial_list()
    {
        var files = string.Join(",", Enumerable.Range(0, 300).Select(i => $$"""{"filename":"gen/file{{i}}.txt","status":"added"}"""));
        _api.Map("GET", "/repos/acme/shop/compare/aaaaaaa...bbbbbbb", 200,
            $$"""{"status":"ahead","total_commits":400,"commits":[{"sha":"c1"}],"files":[{{files}}]}""");

        var error = await Assert.ThrowsAsync<SourceControlException>(() => _api.SourceControl().GetChangedPathsAsync(Repo, "aaaaaaa", "bbbbbbb", CancellationToken.None));

        Assert.Contains("deploy all components", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployment_is_created_without_required_contexts_and_gets_statuses_with_urls()
    {
        _api.Map("POST", "/repos/acme/shop/deployments", 201, """{"id":42,"sha":"0123","environment":"production"}""");
        _api.Map("POST", "/repos/acme/shop/deployments/42/statuses", 201, """{"id":1,"state":"in_progress"}""");
        var sourceControl = _api.SourceControl();

        var deployment = await sourceControl.CreateDeploymentAsync(Commit, "production", "canary 5%", CancellationToken.None);
        await sourceControl.SetDeploymentStatusAsync(
            new DeploymentStatusUpdate(deployment, DeploymentState.InProgress, "soaking", new Uri("https://shop.example.com/"), new Uri("https://soakline.example.com/runs/1")),
            CancellationToken.None);

        Assert.Equal(new DeploymentRef(Repo, 42, "production"), deployment);
        var create = HttpApiServer.JsonBody(Assert.Single(_api.Http.RequestsTo("/api/v3/repos/acme/shop/deployments")))!;
        Assert.Equal(Sha, (string?)create["ref"]);
        Assert.Equal("production", (string?)create["environment"]);
        Assert.Equal("canary 5%", (string?)create["description"]);
        Assert.False((bool?)create["auto_merge"]);
        Assert.Empty(create["required_contexts"]!.AsArray());
        var status = HttpApiServer.JsonBody(Assert.Single(_api.Http.RequestsTo("/api/v3/repos/acme/shop/deployments/42/statuses")))!;
        Assert.Equal("in_progress", (string?)status["state"]);
        Assert.Equal("https://shop.example.com/", (string?)status["environment_url"]);
        Assert.Equal("https://soakline.example.com/runs/1", (string?)status["log_url"]);
        Assert.Equal("soaking", (string?)status["description"]);
    }

    [Fact]
    public async Task Commit_status_for_the_gate_is_posted_with_a_description_GitHub_accepts()
    {
        _api.Map("POST", $"/repos/acme/shop/statuses/{Sha}", 201, """{"id":1,"state":"success","context":"soakline/gate"}""");

        await _api.SourceControl().SetCommitStatusAsync(
            Commit, new CommitStatusUpdate("soakline/gate", CommitStatusState.Success, new string('x', 200), new Uri("https://soakline.example.com/runs/1")), CancellationToken.None);

        var body = HttpApiServer.JsonBody(Assert.Single(_api.Http.Requests))!;
        Assert.Equal("success", (string?)body["state"]);
        Assert.Equal("soakline/gate", (string?)body["context"]);
        Assert.Equal("https://soakline.example.com/runs/1", (string?)body["target_url"]);
        Assert.Equal(140, ((string?)body["description"])!.Length);
    }
}
