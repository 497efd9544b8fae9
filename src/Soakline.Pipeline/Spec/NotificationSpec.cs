using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Spec;

/// <summary>Chat channels and which severities go to which channels.</summary>
public sealed record NotificationSpec(IReadOnlyList<ChannelSpec> Channels, IReadOnlyDictionary<Severity, IReadOnlyList<string>> Routes)
{
    public IReadOnlyList<ChannelSpec> ChannelsFor(Severity severity) =>
        Routes.TryGetValue(severity, out var names)
            ? [.. Channels.Where(c => names.Contains(c.Name, StringComparer.Ordinal))]
            : [];
}

/// <param name="WebhookSecret">The name of the secret holding the webhook URL; webhook URLs are credentials.</param>
public sealed record ChannelSpec(string Name, ChannelKind Kind, string WebhookSecret);

public enum ChannelKind
{
    Slack,
    Teams,
    Discord,
}
