namespace Soakline.Pipeline.Ports;

/// <summary>
/// Tells people what happened (Slack, Microsoft Teams, Discord). Implementations route by severity as the spec's
/// notification routes say; a notification that has no route is dropped, not an error.
/// </summary>
public interface INotifier
{
    Task NotifyAsync(Notification notification, CancellationToken cancellationToken);
}
