using System.Net;
using System.Net.Http.Json;
using System.Text;
using Soakline.Functions.Releases;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Tests.Webhooks;

public sealed class WebhookTests : IAsyncLifetime
{
    private static readonly string PipelineId = PipelineInstanceIds.ForPush(new CommitRef(RepositoryRef.Parse(GitHubDeliveries.Repository), GitHubDeliveries.Sha, "main"));
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory().With("Soakline__GitHub__WebhookMaxBodyBytes", "4096");
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_valid_push_starts_exactly_one_release_pipeline_under_its_deterministic_id()
    {
        var response = await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<WebhookReply>();
        Assert.Equal("accepted", reply!.Status);
        Assert.Equal(PipelineId, reply.InstanceId);
        var instance = Assert.Single(await _app.InstancesAsync());
        Assert.Equal(PipelineId, instance.InstanceId);
        Assert.Equal("ReleaseOrchestrator", instance.Name);
        var input = instance.ReadInputAs<Soakline.Pipeline.Orchestration.PushEvent>()!;
        Assert.Equal(("acme", "shop", "main", GitHubDeliveries.Sha, "ada", "Fix the basket total"), (input.Repository.Owner, input.Repository.Name, input.Branch, input.Sha, input.Author, input.Message));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 40, 0, TimeSpan.Zero), input.CommittedAt);
    }

    [Fact]
    public async Task A_redelivered_push_finds_the_existing_pipeline_and_starts_nothing()
    {
        await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push()));
        await _app.IdleAsync();
        var before = Assert.Single(await _app.InstancesAsync());

        // GitHub's "Redeliver" sends the same body with a new delivery id.
        var again = await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push()));

        // Accepted again (a new delivery id); the pump finds the pipeline and starts nothing.
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("accepted", (await again.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
        var after = Assert.Single(await _app.InstancesAsync());
        Assert.Equal(before.CreatedAt, after.CreatedAt);
    }

    [Fact]
    public async Task A_duplicate_delivery_id_changes_nothing_even_with_another_body()
    {
        var delivery = Guid.NewGuid().ToString();
        await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(), delivery));

        var duplicate = await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(sha: new string('b', 40)), delivery));

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal("duplicate", (await duplicate.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
        Assert.Equal(PipelineId, Assert.Single(await _app.InstancesAsync()).InstanceId);
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha1=0123456789012345678901234567890123456789")]
    [InlineData("")]
    [InlineData("sha256=not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-")]
    public async Task A_wrong_or_missing_signature_is_401_and_starts_nothing(string signature)
    {
        var request = GitHubDeliveries.Request("push", GitHubDeliveries.Push());
        request.Headers.Remove(WebhookSignature.HeaderName);
        if (signature.Length > 0)
        {
            request.Headers.Add(WebhookSignature.HeaderName, signature);
        }

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task A_body_signed_with_another_secret_is_401()
    {
        var body = GitHubDeliveries.Push();
        var response = await _http.SendAsync(GitHubDeliveries.Request("push", body, signature: WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), "another-secret-entirely"u8.ToArray())));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task A_body_altered_after_signing_is_401()
    {
        var signed = GitHubDeliveries.Push();
        var request = GitHubDeliveries.Request("push", signed.Replace("main", "prod", StringComparison.Ordinal), signature: WebhookSignature.Compute(Encoding.UTF8.GetBytes(signed), TestSettings.WebhookSecretBytes));

        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(request)).StatusCode);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_before_anything_else_and_starts_nothing()
    {
        var oversized = GitHubDeliveries.Push().Replace("Fix the basket total", new string('x', 5000), StringComparison.Ordinal);

        var response = await _http.SendAsync(GitHubDeliveries.Request("push", oversized));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Soakline__GitHub__WebhookMaxBodyBytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task A_signed_body_that_is_not_json_is_400_and_starts_nothing()
    {
        var response = await _http.SendAsync(GitHubDeliveries.Request("push", "{\"ref\": \"refs/heads/main\", "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task A_push_without_a_commit_sha_is_400_naming_the_field_and_is_not_remembered()
    {
        var delivery = Guid.NewGuid().ToString();
        var broken = GitHubDeliveries.Push().Replace($"\"after\":\"{GitHubDeliveries.Sha}\",", string.Empty, StringComparison.Ordinal);

        var response = await _http.SendAsync(GitHubDeliveries.Request("push", broken, delivery));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'after'", (await Problems.ReadAsync(response)).Detail, StringComparison.Ordinal);
        Assert.Empty(await _app.InstancesAsync());

        // The rejected delivery was not recorded: once fixed, the same delivery id is handled.
        var fixedUp = await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(), delivery));
        Assert.Equal(HttpStatusCode.Accepted, fixedUp.StatusCode);
    }

    [Fact]
    public async Task Missing_event_or_delivery_headers_are_400()
    {
        var request = GitHubDeliveries.Request("push", GitHubDeliveries.Push());
        request.Headers.Remove(GitHubWebhookEndpoint.DeliveryHeader);

        Assert.Equal(HttpStatusCode.BadRequest, (await _http.SendAsync(request)).StatusCode);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        var response = await _http.SendAsync(GitHubDeliveries.Request("ping", """{"zen":"Design for failure.","hook_id":1}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = (await response.Content.ReadFromJsonAsync<WebhookReply>())!;
        Assert.Equal(("pong", "Design for failure."), (reply.Status, reply.Detail));
    }

    [Theory]
    [InlineData("issues", """{"action":"opened"}""")]
    [InlineData("push", """{"ref":"refs/tags/v1.2.0","after":"0123456789abcdef0123456789abcdef01234567","repository":{"full_name":"acme/shop"}}""")]
    [InlineData("push", """{"ref":"refs/heads/old","deleted":true,"after":"0000000000000000000000000000000000000000","repository":{"full_name":"acme/shop"}}""")]
    [InlineData("workflow_run", """{"action":"requested","workflow_run":{}}""")]
    public async Task Events_soakline_does_not_act_on_are_202_ignored(string eventName, string body)
    {
        var response = await _http.SendAsync(GitHubDeliveries.Request(eventName, body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
        Assert.Empty(await _app.InstancesAsync());
    }
}
