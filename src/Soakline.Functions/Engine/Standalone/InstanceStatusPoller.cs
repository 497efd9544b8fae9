namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Reads an instance's status until a condition holds, pausing 50 ms after the first read and doubling the pause up
/// to a cap. DTFx's <c>WaitForOrchestrationAsync</c> reads every 2 s, so a wait for an instance that finishes in
/// 200 ms takes 2 s; this one answers within a few reads of the change for short waits, while the cap keeps a long
/// wait (a soak of hours) to one cheap point read per cap interval.
/// </summary>
internal sealed class InstanceStatusPoller(TimeProvider time, TimeSpan maxInterval)
{
    public static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Reads with <paramref name="read"/> until <paramref name="done"/> holds and returns that reading. A null reading
    /// (no such instance) throws the exception <paramref name="missing"/> makes: waiting for it could never end.
    /// </summary>
    public async Task<T> WaitAsync<T>(
        Func<CancellationToken, Task<T?>> read,
        Func<T, bool> done,
        Func<Exception> missing,
        CancellationToken cancellation)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(missing);
        var pause = FirstInterval < maxInterval ? FirstInterval : maxInterval;
        while (true)
        {
            var reading = await read(cancellation) ?? throw missing();
            if (done(reading))
            {
                return reading;
            }

            await Task.Delay(pause, time, cancellation);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, maxInterval.Ticks));
        }
    }
}
