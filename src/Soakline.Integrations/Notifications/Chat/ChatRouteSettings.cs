using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>One entry of settings section <c>Chat:Routes</c>.</summary>
public sealed class ChatRouteSettings
{
    /// <summary>A name for logs and errors (the webhook URL is a secret and never appears in either).</summary>
    public string Name { get; set; } = "";

    public ChatPlatform Platform { get; set; }

    public Uri? WebhookUrl { get; set; }

    public Severity MinimumSeverity { get; set; } = Severity.Info;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("Chat:Routes: every route needs a Name.");
        }

        if (!Enum.IsDefined(Platform))
        {
            throw new ArgumentException($"Chat:Routes:{Name}:Platform must be Slack, Teams or Discord.");
        }

        if (WebhookUrl is null || !WebhookUrl.IsAbsoluteUri || WebhookUrl.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Chat:Routes:{Name}:WebhookUrl must be the platform's https webhook URL.");
        }
    }
}
