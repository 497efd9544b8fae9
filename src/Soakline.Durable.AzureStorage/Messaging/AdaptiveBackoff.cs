namespace Soakline.Durable.AzureStorage.Messaging;

/// <summary>The pause between polls of a queue: 10 ms after work was found, doubling while the queue stays empty.</summary>
internal sealed class AdaptiveBackoff
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(10);

    private readonly TimeSpan _maximum;
    private TimeSpan _next = Minimum;

    public AdaptiveBackoff(TimeSpan maximum)
    {
        _maximum = maximum < Minimum ? Minimum : maximum;
    }

    public TimeSpan NextDelay()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, _maximum.Ticks));
        return delay;
    }

    public void Reset() => _next = Minimum;
}
