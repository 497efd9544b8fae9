using Microsoft.Extensions.Logging;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>
/// Delivers one notification to several channels at once. One channel failing does not stop the others; the call
/// fails only when every channel failed, so a retried activity does not repeat messages that already went out.
/// </summary>
internal static class ChannelFanOut
{
    public static async Task DeliverAsync(
        Notification notification,
        IReadOnlyList<(string Name, Func<CancellationToken, Task> Send)> channels,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (channels.Count == 0)
        {
            return;
        }

        var outcomes = await Task.WhenAll(channels.Select(async channel =>
        {
            try
            {
                await channel.Send(cancellationToken).ConfigureAwait(false);
                return (channel.Name, Error: (Exception?)null);
            }
            catch (ChatDeliveryException ex)
            {
                logger.LogWarning("Notification '{Title}' was not delivered to {Channel}: {Error}", notification.Title, channel.Name, ex.Message);
                return (channel.Name, Error: ex);
            }
        })).ConfigureAwait(false);

        var failures = outcomes.Where(o => o.Error is not null).ToList();
        if (failures.Count == channels.Count)
        {
            throw new ChatDeliveryException(
                $"Notification '{notification.Title}' reached none of its channels: {string.Join("; ", failures.Select(f => $"{f.Name}: {f.Error!.Message}"))}",
                new AggregateException(failures.Select(f => f.Error!)));
        }
    }
}
