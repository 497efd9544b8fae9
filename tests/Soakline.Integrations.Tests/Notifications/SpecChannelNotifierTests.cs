using Soakline.Integrations.Notifications.Chat;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Soakline.Integrations.Tests.Notifications;

/// <summary>Routing by the pipeline spec's channels, with webhook URLs resolved from secrets at send time.</summary>
public sealed class SpecChannelNotifierTests : IDisposable
{
    private readonly HttpApiServer _server = HttpApiServer.StartHttp();
    private readonly HttpClient _http = new();
    private readonly RecordingNotifier _settingsRoutes = new();

    public SpecChannelNotifierTests()
    {
        _server.Server.Given(Request.Create().WithPath("/slack/ops").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        _server.Server.Given(Request.Create().WithPath("/discord/oncall").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task A_notification_goes_to_the_channels_the_spec_names_at_their_resolved_urls()
    {
        var notifier = Notifier(new()
        {
            ["slack-ops-webhook"] = Url("/slack/ops"),
            ["discord-oncall-webhook"] = Url("/discord/oncall"),
        });

        await notifier.NotifyAsync(Critical(new ChannelSpec("ops", ChannelKind.Slack, "slack-ops-webhook"), new ChannelSpec("oncall", ChannelKind.Discord, "discord-oncall-webhook")), CancellationToken.None);

        Assert.Equal(["/discord/oncall", "/slack/ops"], _server.Requests.Select(r => r.RequestMessage!.Path).Order(StringComparer.Ordinal));
        Assert.Empty(_settingsRoutes.Received);
    }

    [Fact]
    public async Task A_notification_without_spec_channels_goes_to_the_settings_routes()
    {
        var notifier = Notifier(new());

        await notifier.NotifyAsync(Critical(), CancellationToken.None);

        Assert.Single(_settingsRoutes.Received);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_channel_whose_secret_is_missing_fails_alone_and_never_shows_a_url()
    {
        var notifier = Notifier(new() { ["slack-ops-webhook"] = Url("/slack/ops") });

        await notifier.NotifyAsync(Critical(new ChannelSpec("ops", ChannelKind.Slack, "slack-ops-webhook"), new ChannelSpec("oncall", ChannelKind.Discord, "discord-oncall-webhook")), CancellationToken.None);
        var error = await Assert.ThrowsAsync<ChatDeliveryException>(() =>
            notifier.NotifyAsync(Critical(new ChannelSpec("oncall", ChannelKind.Discord, "discord-oncall-webhook")), CancellationToken.None));

        Assert.Single(_server.Requests);
        Assert.Contains("oncall", error.Message, StringComparison.Ordinal);
        Assert.Contains("discord-oncall-webhook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_http_url_to_a_remote_host_is_refused_without_echoing_it()
    {
        var notifier = Notifier(new() { ["slack-ops-webhook"] = "http://hooks.example.com/services/T000/B000/topsecret" });

        var error = await Assert.ThrowsAsync<ChatDeliveryException>(() =>
            notifier.NotifyAsync(Critical(new ChannelSpec("ops", ChannelKind.Slack, "slack-ops-webhook")), CancellationToken.None));

        Assert.DoesNotContain("topsecret", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    private static Notification Critical(params ChannelSpec[] channels) =>
        new(Severity.Critical, "Canary rolled back", "error rate 7.5% > 5%") { Channels = channels };

    private string Url(string path) => new Uri(_server.BaseUrl, path.TrimStart('/')).AbsoluteUri;

    private SpecChannelNotifier Notifier(Dictionary<string, string> secrets) =>
        new(new DictionarySecrets(secrets), new WebhookPoster(_http, new InstantDelayTimeProvider()), _settingsRoutes);

    private sealed class DictionarySecrets(Dictionary<string, string> values) : ISecretResolver
    {
        public Task<IReadOnlyDictionary<string, string>> ResolveAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(names.Where(values.ContainsKey).ToDictionary(n => n, n => values[n]));
    }

    private sealed class RecordingNotifier : INotifier
    {
        public List<Notification> Received { get; } = [];

        public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
        {
            Received.Add(notification);
            return Task.CompletedTask;
        }
    }
}
