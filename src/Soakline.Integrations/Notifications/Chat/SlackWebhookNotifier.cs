using System.Text.Json.Nodes;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>Slack incoming webhook: Block Kit message with a plain <c>text</c> fallback for notifications.</summary>
internal sealed class SlackWebhookNotifier(Uri webhook, WebhookPoster poster) : INotifier
{
    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return poster.PostAsync("Slack", webhook, BuildPayload(notification), cancellationToken);
    }

    public static JsonObject BuildPayload(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var heading = $"[{SeverityStyle.Label(notification.Severity)}] {notification.Title}";
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = SeverityStyle.Clip(heading, 150) },
            },
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = SeverityStyle.Clip(Escape(notification.Text), 3000) },
            },
        };

        if (notification.Fields is { Count: > 0 } fields)
        {
            // Slack allows at most ten fields per section.
            var items = new JsonArray();
            foreach (var (name, value) in fields.Take(10))
            {
                items.Add(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{Escape(name)}*\n{Escape(value)}" });
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = items });
        }

        if (notification.Link is { } link)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = $"<{link.AbsoluteUri}|Details>" } },
            });
        }

        return new JsonObject { ["text"] = $"{heading}: {notification.Text}", ["blocks"] = blocks };
    }

    /// <summary>Slack's mrkdwn treats &amp;, &lt; and &gt; as control characters (links, mentions); text must not.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
