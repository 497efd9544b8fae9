namespace Soakline.Functions.Configuration;

/// <summary>The webhook's settings (<c>Soakline__GitHub__Webhook*</c>); the GitHub adapter reads the rest of the section.</summary>
internal sealed class GitHubWebhookOptions
{
    public string? WebhookSecret { get; set; }

    public string? WebhookMaxBodyBytes { get; set; }
}
