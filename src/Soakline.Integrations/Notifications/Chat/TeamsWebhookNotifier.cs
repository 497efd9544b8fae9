using System.Text.Json.Nodes;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>
/// Microsoft Teams incoming webhook (a Workflows "post to a channel when a webhook request is received" URL): a
/// message with one Adaptive Card attachment, the format Workflows webhooks accept now that Office 365 connectors
/// are retired.
/// </summary>
internal sealed class TeamsWebhookNotifier(Uri webhook, WebhookPoster poster) : INotifier
{
    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return poster.PostAsync("Teams", webhook, BuildPayload(notification), cancellationToken);
    }

    public static JsonObject BuildPayload(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = $"[{SeverityStyle.Label(notification.Severity)}] {notification.Title}",
                ["weight"] = "Bolder",
                ["size"] = "Medium",
                ["color"] = SeverityStyle.AdaptiveColor(notification.Severity),
                ["wrap"] = true,
            },
            new JsonObject { ["type"] = "TextBlock", ["text"] = notification.Text, ["wrap"] = true },
        };

        if (notification.Fields is { Count: > 0 } fields)
        {
            var facts = new JsonArray();
            foreach (var (name, value) in fields)
            {
                facts.Add(new JsonObject { ["title"] = name, ["value"] = value });
            }

            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };

        if (notification.Link is { } link)
        {
            card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Details", ["url"] = link.AbsoluteUri } };
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card },
            },
        };
    }
}
