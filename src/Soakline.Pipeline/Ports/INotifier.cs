namespace Soakline.Pipeline.Ports;

/// <summary>
/// Tells people what happened (Slack, Microsoft Teams, Discord). Implementations route by severity as the spec's
/// notification routes say; a notification that has no route is dropped, not an error.
/// </summary>
public interface INotifier
{
    Task NotifyAsync(Notification notification, CancellationToken cancellationToken);
}

public sealed record Notification(
    Severity Severity,
    string Title,
    string Text,
    IReadOnlyDictionary<string, string>? Fields = null,
    Uri? Link = null)
{
    /// <summary>
    /// The channels the spec routes this severity to, filled in by the pipeline (<see cref="Spec.NotificationSpec.ChannelsFor"/>).
    /// Webhook URLs are not here, only the names of the secrets that hold them.
    /// </summary>
    public IReadOnlyList<Spec.ChannelSpec> Channels { get; init; } = [];
}
