using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Reads <c>notifications:</c>: chat channels (webhooks by secret name) and routes by severity.</summary>
internal static class NotificationsReader
{
    public static NotificationSpec Read(MappingReader root)
    {
        var notifications = root.Mapping("notifications");
        if (notifications is null)
        {
            return SpecDefaults.Notifications;
        }

        var channels = ReadChannels(notifications);
        var routes = ReadRoutes(notifications, channels);
        notifications.RejectUnknownKeys();
        return new NotificationSpec(channels, routes);
    }

    private static List<ChannelSpec> ReadChannels(MappingReader notifications)
    {
        var channels = new List<ChannelSpec>();
        var section = notifications.Mapping("channels");
        if (section is null)
        {
            return channels;
        }

        foreach (var (name, node, path) in section.Entries())
        {
            var validName = Names.Check(notifications.Context, path, name);
            var channel = MappingReader.Open(node, path, notifications.Context);
            if (channel is null)
            {
                continue;
            }

            var kind = channel.Enum("type", SpecNames.ChannelKinds, required: true);
            var secret = channel.String("webhookSecret", required: true);
            channel.RejectUnknownKeys();
            if (secret is not null && secret.Contains("://", StringComparison.Ordinal))
            {
                channel.Error("webhookSecret", "is the name of a secret holding the webhook URL, not the URL itself (webhook URLs are credentials)");
                continue;
            }

            if (validName && kind is not null && secret is not null && Names.Check(notifications.Context, channel.ChildPath("webhookSecret"), secret))
            {
                channels.Add(new ChannelSpec(name, kind.Value, secret));
            }
        }

        return channels;
    }

    private static Dictionary<Severity, IReadOnlyList<string>> ReadRoutes(MappingReader notifications, List<ChannelSpec> channels)
    {
        var routes = new Dictionary<Severity, IReadOnlyList<string>>();
        var section = notifications.Mapping("routes");
        if (section is null)
        {
            return routes;
        }

        foreach (var (word, severity) in SpecNames.Severities)
        {
            var names = section.StringList(word);
            if (names is null)
            {
                continue;
            }

            for (var i = 0; i < names.Count; i++)
            {
                if (!channels.Exists(c => c.Name == names[i]))
                {
                    notifications.Context.Error($"{section.ChildPath(word)}[{i}]", $"channel '{names[i]}' is not declared under notifications.channels");
                }
            }

            routes[severity] = names;
        }

        section.RejectUnknownKeys();
        return routes;
    }
}
