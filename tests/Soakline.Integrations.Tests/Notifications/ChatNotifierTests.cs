using System.Text.Json.Nodes;
using Soakline.Integrations.Notifications.Chat;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Soakline.Integrations.Tests.Notifications;

public sealed class ChatNotifierTests : IDisposable
{
    private static readonly Notification Rollback = new(
        Severity.Critical,
        "Canary rolled back",
        "error rate 7.5% > 2% at step 25% <@here>",
        new Dictionary<string, string> { ["Component"] = "api", ["Commit"] = "0123456" },
        new Uri("https://soakline.example.com/runs/42"));

    private readonly HttpApiServer _server = HttpApiServer.StartHttp();
    private readonly HttpClient _http = new();
    private readonly InstantDelayTimeProvider _clock = new();

    public ChatNotifierTests()
    {
        foreach (var path in new[] { "/slack/T000/B000/secret", "/teams/workflow", "/discord/123/secret" })
        {
            _server.Server.Given(Request.Create().WithPath(path).UsingPost().WithHeader("Content-Type", "application/json*"))
                .RespondWith(Response.Create().WithStatusCode(path.StartsWith("/discord", StringComparison.Ordinal) ? 204 : 200));
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private WebhookPoster Poster => new(_http, _clock);

    private Uri Url(string path) => new(_server.BaseUrl, path.TrimStart('/'));

    [Fact]
    public async Task Slack_gets_blocks_with_escaped_text_fields_and_link()
    {
        await new SlackWebhookNotifier(Url("/slack/T000/B000/secret"), Poster).NotifyAsync(Rollback, CancellationToken.None);

        var expected = JsonNode.Parse("""
            {"text":"[CRITICAL] Canary rolled back: error rate 7.5% > 2% at step 25% <@here>",
             "blocks":[
               {"type":"header","text":{"type":"plain_text","text":"[CRITICAL] Canary rolled back"}},
               {"type":"section","text":{"type":"mrkdwn","text":"error rate 7.5% &gt; 2% at step 25% &lt;@here&gt;"}},
               {"type":"section","fields":[{"type":"mrkdwn","text":"*Component*\napi"},{"type":"mrkdwn","text":"*Commit*\n0123456"}]},
               {"type":"context","elements":[{"type":"mrkdwn","text":"<https://soakline.example.com/runs/42|Details>"}]}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, HttpApiServer.JsonBody(Assert.Single(_server.Requests))), HttpApiServer.JsonBody(_server.Requests[0])!.ToJsonString());
    }

    [Fact]
    public async Task Teams_gets_an_adaptive_card()
    {
        await new TeamsWebhookNotifier(Url("/teams/workflow"), Poster).NotifyAsync(Rollback, CancellationToken.None);

        var expected = JsonNode.Parse("""
            {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{
              "$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4",
              "body":[
                {"type":"TextBlock","text":"[CRITICAL] Canary rolled back","weight":"Bolder","size":"Medium","color":"Attention","wrap":true},
                {"type":"TextBlock","text":"error rate 7.5% > 2% at step 25% <@here>","wrap":true},
                {"type":"FactSet","facts":[{"title":"Component","value":"api"},{"title":"Commit","value":"0123456"}]}],
              "actions":[{"type":"Action.OpenUrl","title":"Details","url":"https://soakline.example.com/runs/42"}]}}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, HttpApiServer.JsonBody(Assert.Single(_server.Requests))), HttpApiServer.JsonBody(_server.Requests[0])!.ToJsonString());
    }

    [Fact]
    public async Task Discord_gets_a_colored_embed_with_mentions_disabled()
    {
        await new DiscordWebhookNotifier(Url("/discord/123/secret"), Poster).NotifyAsync(Rollback, CancellationToken.None);

        var expected = JsonNode.Parse("""
            {"embeds":[{"title":"[CRITICAL] Canary rolled back","description":"error rate 7.5% > 2% at step 25% <@here>","color":13574702,
                        "url":"https://soakline.example.com/runs/42",
                        "fields":[{"name":"Component","value":"api","inline":true},{"name":"Commit","value":"0123456","inline":true}]}],
             "allowed_mentions":{"parse":[]}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, HttpApiServer.JsonBody(Assert.Single(_server.Requests))), HttpApiServer.JsonBody(_server.Requests[0])!.ToJsonString());
    }

    [Fact]
    public async Task Discord_rate_limit_is_retried_after_the_body_retry_after()
    {
        _server.Server.Given(Request.Create().WithPath("/discord/limited").UsingPost()).InScenario("rl").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json").WithBody("""{"message":"You are being rate limited.","retry_after":0.75,"global":false}"""));
        _server.Server.Given(Request.Create().WithPath("/discord/limited").UsingPost()).InScenario("rl").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(204));

        await new DiscordWebhookNotifier(Url("/discord/limited"), Poster).NotifyAsync(Rollback, CancellationToken.None);

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(0.75)], _clock.Delays);
    }

    [Fact]
    public async Task Slack_rate_limit_honours_the_Retry_After_header_then_gives_up()
    {
        _server.Server.Given(Request.Create().WithPath("/slack/limited").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "2").WithBody("rate_limited"));

        var error = await Assert.ThrowsAsync<ChatDeliveryException>(() =>
            new SlackWebhookNotifier(Url("/slack/limited"), Poster).NotifyAsync(Rollback, CancellationToken.None));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], _clock.Delays);
        Assert.Contains("Slack webhook answered 429", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_webhook_error_names_the_channel_but_not_the_secret_url()
    {
        _server.Server.Given(Request.Create().WithPath("/slack/T000/B000/revoked").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("no_service"));

        var error = await Assert.ThrowsAsync<ChatDeliveryException>(() =>
            new SlackWebhookNotifier(Url("/slack/T000/B000/revoked"), Poster).NotifyAsync(Rollback, CancellationToken.None));

        Assert.Contains("Slack webhook answered 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_service", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Severity.Info, new[] { "/slack/T000/B000/secret" })]
    [InlineData(Severity.Warning, new[] { "/slack/T000/B000/secret", "/teams/workflow" })]
    [InlineData(Severity.Critical, new[] { "/slack/T000/B000/secret", "/teams/workflow", "/discord/123/secret" })]
    public async Task Notifications_go_to_every_route_their_severity_reaches(Severity severity, string[] expectedPaths)
    {
        var notifier = Router(Url("/discord/123/secret"));

        await notifier.NotifyAsync(Rollback with { Severity = severity }, CancellationToken.None);

        Assert.Equal(expectedPaths.Order(), _server.Requests.Select(r => r.RequestMessage!.Path).Order());
    }

    [Fact]
    public async Task One_failing_channel_does_not_stop_the_others()
    {
        var notifier = Router(Url("/discord/missing"));

        await notifier.NotifyAsync(Rollback, CancellationToken.None);

        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task When_every_channel_fails_the_error_lists_them()
    {
        var notifier = new SeverityRoutingNotifier(
        [
            new ChatRoute("ops-slack", Severity.Info, new SlackWebhookNotifier(Url("/slack/gone"), Poster)),
            new ChatRoute("oncall-discord", Severity.Critical, new DiscordWebhookNotifier(Url("/discord/gone"), Poster)),
        ]);

        var error = await Assert.ThrowsAsync<ChatDeliveryException>(() => notifier.NotifyAsync(Rollback, CancellationToken.None));

        Assert.Contains("ops-slack", error.Message, StringComparison.Ordinal);
        Assert.Contains("oncall-discord", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notification_without_a_route_is_dropped()
    {
        var notifier = new SeverityRoutingNotifier([new ChatRoute("oncall", Severity.Critical, new DiscordWebhookNotifier(Url("/discord/123/secret"), Poster))]);

        await notifier.NotifyAsync(Rollback with { Severity = Severity.Info }, CancellationToken.None);

        Assert.Empty(_server.Requests);
    }

    private SeverityRoutingNotifier Router(Uri discord) => new(
    [
        new ChatRoute("slack", Severity.Info, new SlackWebhookNotifier(Url("/slack/T000/B000/secret"), Poster)),
        new ChatRoute("teams", Severity.Warning, new TeamsWebhookNotifier(Url("/teams/workflow"), Poster)),
        new ChatRoute("discord", Severity.Critical, new DiscordWebhookNotifier(discord, Poster)),
    ]);

    [Fact]
    public void Retry_limits_are_checked_up_front()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WebhookPoster(_http, _clock, maxRetries: -1));

        Assert.Equal("maxRetries", error.ParamName);
    }
}
