using System.Net;
using System.Text.Json;
using Soakline.Cli.Tests.Infrastructure;

namespace Soakline.Cli.Tests;

/// <summary>
/// <c>soakline approve|reject|rollback</c>: the body names no decider (the server takes the key's name), and the CLI
/// reports exactly what the server answered.
/// </summary>
public sealed class DecisionCommandTests : IAsyncLifetime
{
    private FakeSoaklineApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeSoaklineApi.StartAsync();

    private string[] Args(params string[] args) => [.. args, "--url", _api.BaseUrl.AbsoluteUri, "--api-key", FakeSoaklineApi.Key];

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task Posts_only_the_comment_to_the_decision_endpoint(string verb)
    {
        _api.PostAnswer = (HttpStatusCode.OK, """{"status":"approved","instanceId":"x","by":"alice","at":"2026-12-06T21:05:00+00:00"}""");

        var run = await CliRun.StartAsync(Args(verb, ApiJson.Id, "--comment", "looks good"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_api.Requests);
        Assert.Equal(("POST", $"/api/pipelines/{ApiJson.Id}/{verb}"), (request.Method, request.Path));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(["comment"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("looks good", body.RootElement.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task A_decision_that_took_effect_says_who_decided_as_the_server_recorded_it()
    {
        _api.PostAnswer = (HttpStatusCode.OK, """{"status":"approved","instanceId":"x","by":"alice","at":"2026-12-06T21:05:00+00:00"}""");

        var run = await CliRun.StartAsync(Args("approve", ApiJson.Id));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Approved by alice at 2026-12-06T21:05:00+00:00: {ApiJson.Id} (200 recorded)", run.Out.Trim());
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, """{"error":"mallory is not an approver of production"}""", ExitCodes.Refused, "403 Forbidden: mallory is not an approver of production")]
    [InlineData(HttpStatusCode.Conflict, """{"error":"already approved by alice at 21:05"}""", ExitCodes.Refused, "409 Conflict: already approved by alice at 21:05")]
    [InlineData(HttpStatusCode.NotFound, """{"error":"pipeline 'x' does not exist"}""", ExitCodes.NotFound, "404 Not Found: pipeline 'x' does not exist")]
    [InlineData(HttpStatusCode.Forbidden, """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.4","title":"Forbidden","status":403,"detail":"mallory is not an approver of production","traceId":"00-1"}""", ExitCodes.Refused, "403 Forbidden: mallory is not an approver of production")]
    [InlineData(HttpStatusCode.BadRequest, """{"title":"One or more validation errors occurred.","status":400,"detail":"comment: not a string","errors":{"comment":["not a string"],"by":["remove it"]}}""", ExitCodes.Refused, "400 Bad Request: comment: not a string; by: remove it")]
    [InlineData(HttpStatusCode.BadRequest, """{"type":"about:blank","title":"Invalid request","status":400,"detail":"the body is not JSON","errors":{"comment":["too long"]}}""", ExitCodes.Refused, "400 Bad Request: Invalid request: the body is not JSON; comment: too long")]
    [InlineData(HttpStatusCode.Conflict, """{"title":"Not waiting for approval","status":409,"detail":"rejected by bob at 21:04"}""", ExitCodes.Refused, "409 Conflict: Not waiting for approval: rejected by bob at 21:04")]
    [InlineData(HttpStatusCode.NoContent, "", ExitCodes.Refused, "not 200 or 202")]
    public async Task A_decision_that_did_not_take_effect_prints_the_server_message_and_fails(HttpStatusCode status, string body, int expected, string message)
    {
        _api.PostAnswer = (status, body);

        var run = await CliRun.StartAsync(Args("reject", ApiJson.Id, "-m", "no"));

        Assert.True(run.ExitCode == expected, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Rejected", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_prints_the_server_answer_whatever_it_was()
    {
        _api.PostAnswer = (HttpStatusCode.Conflict, """{"error":"already rejected by bob"}""");

        var run = await CliRun.StartAsync(Args("approve", ApiJson.Id, "--json"));

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Equal("""{"error":"already rejected by bob"}""", run.Out.Trim());
    }

    [Fact]
    public async Task Rollback_posts_the_environment_target_reason_and_repository_without_a_requester()
    {
        _api.PostAnswer = (HttpStatusCode.Accepted, """{"status":"rollback-started","instanceId":"rollback:demo:shop:production:abc"}""");

        var run = await CliRun.StartAsync(Args("rollback", "--environment", "production", "--to", "20261206T200000Z-abcdef1", "--reason", "checkout broken", "--repository", "demo/shop"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_api.Requests);
        Assert.Equal("/api/environments/production/rollback", request.Path);
        using var body = JsonDocument.Parse(request.Body);
        var fields = body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString());
        Assert.Equal("demo/shop", fields["repository"]);
        Assert.Equal("all", fields["scope"]);
        Assert.Equal("20261206T200000Z-abcdef1", fields["target"]);
        Assert.Equal("checkout broken", fields["reason"]);
        Assert.False(fields.ContainsKey("by"));
        Assert.Contains("soakline get rollback:demo:shop:production:abc --watch", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_with_nothing_to_roll_back_prints_the_conflict()
    {
        _api.PostAnswer = (HttpStatusCode.Conflict, """{"error":"env: no pipeline of demo/shop has run on 'production', so there is nothing to roll back"}""");

        var run = await CliRun.StartAsync(Args("rollback", "-e", "production", "--to", "previous", "--reason", "r", "-r", "demo/shop"));

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("nothing to roll back", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_without_a_reason_is_a_usage_error_before_any_request()
    {
        var run = await CliRun.StartAsync(Args("rollback", "--environment", "production", "--to", "previous", "--repository", "demo/shop"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--reason", run.Error, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
