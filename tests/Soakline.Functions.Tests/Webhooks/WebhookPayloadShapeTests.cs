using System.Net;
using System.Net.Http.Json;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>
/// Deliveries in github.com's full shape through the app, and the failure modes reading them through Octokit.Webhooks'
/// models adds: a value of the wrong JSON type deep inside a body, or a number too large for its field, is a 400
/// naming the JSON path that starts nothing and leaves the delivery id free for GitHub's redelivery; never a 500.
/// </summary>
public sealed class WebhookPayloadShapeTests : IAsyncLifetime
{
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory().With("Soakline__GitHub__WebhookMaxBodyBytes", "65536");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient Http => _app.CreateClient();

    [Fact]
    public async Task A_full_push_from_github_starts_the_pipeline_of_its_head_commit()
    {
        using var response = await Http.SendAsync(GitHubDeliveries.Request("push", GitHubPayloadShapes.Push()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var instance = Assert.Single(await _app.InstancesAsync());
        var input = instance.ReadInputAs<Soakline.Pipeline.Orchestration.PushEvent>()!;
        Assert.Equal(("acme/shop", "main", GitHubPayloadShapes.Sha, "ada"), (input.Repository.FullName, input.Branch, input.Sha, input.Author));
    }

    [Fact]
    public async Task A_push_with_a_mistyped_field_deep_inside_is_400_naming_its_path_and_its_redelivery_is_accepted()
    {
        var delivery = Guid.NewGuid().ToString();
        var broken = GitHubPayloadShapes.Push().Replace("\"site_admin\":false", "\"site_admin\":\"no\"", StringComparison.Ordinal);

        using var response = await Http.SendAsync(GitHubDeliveries.Request("push", broken, delivery));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Problems.FieldAsync(response, "repository.owner.site_admin");
        Assert.Empty(await _app.InstancesAsync());

        using var redelivered = await Http.SendAsync(GitHubDeliveries.Request("push", GitHubPayloadShapes.Push(), delivery));
        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
    }

    [Fact]
    public async Task A_workflow_run_whose_id_is_too_large_for_a_long_is_400_naming_it()
    {
        var body = GitHubPayloadShapes.WorkflowRun().Replace("\"id\":11957836150,", "\"id\":123456789012345678901234567890,", StringComparison.Ordinal);

        using var response = await Http.SendAsync(GitHubDeliveries.Request("workflow_run", body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Problems.FieldAsync(response, "workflow_run.id");
    }

    [Fact]
    public async Task A_check_suite_with_a_timestamp_octokit_cannot_read_is_400_naming_it_not_a_500()
    {
        var body = GitHubPayloadShapes.CheckSuite().Replace("\"created_at\":\"2026-11-23T07:40:08Z\"", "\"created_at\":\"the day before\"", StringComparison.Ordinal);

        using var response = await Http.SendAsync(GitHubDeliveries.Request("check_suite", body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await Problems.FieldAsync(response, "check_suite.created_at");
        Assert.DoesNotContain("the day before", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("in_progress")]
    [InlineData("an_action_github_adds_later")]
    public async Task A_workflow_run_that_is_not_completed_is_202_ignored(string action)
    {
        using var response = await Http.SendAsync(GitHubDeliveries.Request("workflow_run", GitHubPayloadShapes.WorkflowRun(action, "null")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
    }

    [Theory]
    [InlineData("""{"code":null,"status":"unused","message":null}""", "Non-blocking is better than blocking.")]
    // Octokit's model cannot read the numeric code of a hook that has had deliveries; the ping still pongs (no zen).
    [InlineData("""{"code":200,"status":"active","message":"OK"}""", null)]
    public async Task A_full_ping_is_answered_pong(string lastResponse, string? zen)
    {
        using var response = await Http.SendAsync(GitHubDeliveries.Request("ping", GitHubPayloadShapes.Ping(lastResponse)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = (await response.Content.ReadFromJsonAsync<WebhookReply>())!;
        Assert.Equal(("pong", zen), (reply.Status, reply.Detail));
    }
}
