using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>
/// Routes by the app's settings: hands each notification to every route whose minimum severity it reaches. A
/// notification no route wants is dropped. Delivery to several routes follows <see cref="ChannelFanOut"/>.
/// </summary>
internal sealed class SeverityRoutingNotifier(IReadOnlyList<ChatRoute> routes, ILogger? logger = null) : INotifier
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var matching = routes
            .Where(r => notification.Severity >= r.MinimumSeverity)
            .Select(r => (r.Name, Send: (Func<CancellationToken, Task>)(ct => r.Channel.NotifyAsync(notification, ct))))
            .ToList();
        return ChannelFanOut.DeliverAsync(notification, matching, _logger, cancellationToken);
    }
}
