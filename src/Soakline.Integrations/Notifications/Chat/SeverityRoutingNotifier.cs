using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>
/// The <see cref="INotifier"/> the pipeline sees: hands each notification to every route whose minimum severity it
/// reaches. A notification no route wants is dropped. One channel failing does not stop the others; the call fails
/// only when every matching channel failed, so a retry of the activity does not repeat messages that already went
/// out when at least one channel got it.
/// </summary>
public sealed class SeverityRoutingNotifier(IReadOnlyList<ChatRoute> routes, ILogger? logger = null) : INotifier
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var matching = routes.Where(r => notification.Severity >= r.MinimumSeverity).ToList();
        if (matching.Count == 0)
        {
            return;
        }

        var outcomes = await Task.WhenAll(matching.Select(async route =>
        {
            try
            {
                await route.Channel.NotifyAsync(notification, cancellationToken).ConfigureAwait(false);
                return (route.Name, Error: (Exception?)null);
            }
            catch (ChatDeliveryException ex)
            {
                _logger.LogWarning("Notification '{Title}' was not delivered to {Route}: {Error}", notification.Title, route.Name, ex.Message);
                return (route.Name, Error: ex);
            }
        })).ConfigureAwait(false);

        var failures = outcomes.Where(o => o.Error is not null).ToList();
        if (failures.Count == matching.Count)
        {
            throw new ChatDeliveryException(
                $"Notification '{notification.Title}' reached none of its channels: {string.Join("; ", failures.Select(f => $"{f.Name}: {f.Error!.Message}"))}",
                new AggregateException(failures.Select(f => f.Error!)));
        }
    }
}
