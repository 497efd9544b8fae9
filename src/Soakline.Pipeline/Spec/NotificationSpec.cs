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
