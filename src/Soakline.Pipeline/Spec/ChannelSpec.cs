using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Spec;

/// <param name="WebhookSecret">The name of the secret holding the webhook URL; webhook URLs are credentials.</param>
public sealed record ChannelSpec(string Name, ChannelKind Kind, string WebhookSecret);
