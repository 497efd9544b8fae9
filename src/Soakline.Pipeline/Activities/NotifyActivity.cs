using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Tells people (routed by severity by the notifier).</summary>
public sealed class NotifyActivity(INotifier notifier) : TaskActivity<Notification, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, Notification input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await notifier.NotifyAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
