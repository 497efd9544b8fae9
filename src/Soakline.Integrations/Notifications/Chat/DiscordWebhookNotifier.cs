using System.Text.Json.Nodes;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>Discord webhook: one embed colored by severity; mentions are disabled so text cannot ping @everyone.</summary>
internal sealed class DiscordWebhookNotifier(Uri webhook, WebhookPoster poster) : INotifier
{
    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return poster.PostAsync("Discord", webhook, BuildPayload(notification), cancellationToken);
    }

    public static JsonObject BuildPayload(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var embed = new JsonObject
        {
            ["title"] = SeverityStyle.Clip($"[{SeverityStyle.Label(notification.Severity)}] {notification.Title}", 256),
            ["description"] = SeverityStyle.Clip(notification.Text, 4096),
            ["color"] = SeverityStyle.Rgb(notification.Severity),
        };

        if (notification.Link is { } link)
        {
            embed["url"] = link.AbsoluteUri;
        }

        if (notification.Fields is { Count: > 0 } fields)
        {
            // Discord allows 25 fields, names up to 256 and values up to 1024 characters.
            var items = new JsonArray();
            foreach (var (name, value) in fields.Take(25))
            {
                items.Add(new JsonObject { ["name"] = SeverityStyle.Clip(name, 256), ["value"] = SeverityStyle.Clip(value, 1024), ["inline"] = true });
            }

            embed["fields"] = items;
        }

        return new JsonObject
        {
            ["embeds"] = new JsonArray { embed },
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
    }
}
