namespace Soakline.Pipeline.Ports;

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
