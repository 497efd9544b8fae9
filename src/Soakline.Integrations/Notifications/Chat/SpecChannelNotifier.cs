using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>
/// Routes by the pipeline spec: a notification goes to the channels the spec's <c>notifications</c> routes give its
/// severity (<see cref="Notification.Channels"/>). Each channel names the secret that holds its webhook URL; the URL
/// is resolved at send time through <see cref="ISecretResolver"/>, so it never enters durable history or logs. A
/// notification that names no channels (a spec without routes) falls back to the settings routes.
/// </summary>
internal sealed class SpecChannelNotifier(ISecretResolver secrets, WebhookPoster poster, INotifier fallback, ILogger? logger = null) : INotifier
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Channels.Count == 0)
        {
            await fallback.NotifyAsync(notification, cancellationToken).ConfigureAwait(false);
            return;
        }

        var secretNames = notification.Channels.Select(c => c.WebhookSecret).Distinct(StringComparer.Ordinal).ToList();
        var urls = await secrets.ResolveAsync(secretNames, cancellationToken).ConfigureAwait(false);
        var channels = notification.Channels
            .Select(channel => (channel.Name, Send: (Func<CancellationToken, Task>)(ct => ChannelFor(channel, urls).NotifyAsync(notification, ct))))
            .ToList();
        await ChannelFanOut.DeliverAsync(notification, channels, _logger, cancellationToken).ConfigureAwait(false);
    }

    private INotifier ChannelFor(ChannelSpec channel, IReadOnlyDictionary<string, string> urls)
    {
        // The error names the channel and the secret, never the value: a webhook URL is a credential.
        if (!urls.TryGetValue(channel.WebhookSecret, out var value)
            || !Uri.TryCreate(value, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            throw new ChatDeliveryException($"Channel '{channel.Name}': secret '{channel.WebhookSecret}' does not hold an https webhook URL.");
        }

        return channel.Kind switch
        {
            ChannelKind.Slack => new SlackWebhookNotifier(url, poster),
            ChannelKind.Teams => new TeamsWebhookNotifier(url, poster),
            ChannelKind.Discord => new DiscordWebhookNotifier(url, poster),
            _ => throw new ChatDeliveryException($"Channel '{channel.Name}' has an unknown kind '{channel.Kind}'."),
        };
    }
}
