using System.Diagnostics;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

/// <summary>Waits for observable state: re-checks a condition until it holds or a generous deadline passes.</summary>
public static class Eventually
{
    /// <summary>How long a test waits for the engine before it gives up; far above any expected duration.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException($"Gave up after {Deadline.TotalSeconds:0} s waiting for {what} (last value: {value}).");
            }

            await Task.Delay(RecheckInterval);
        }
    }

    /// <summary>A token that cancels a client wait after <see cref="Deadline"/>, so a broken engine fails the test instead of hanging it.</summary>
    public static CancellationToken Timeout() => new CancellationTokenSource(Deadline).Token;
}
