using System.Diagnostics;

namespace Soakline.Latency;

/// <summary>
/// A closed-loop load, as wrk and hey make it: as many workers as the concurrency, each sending the next request once
/// its previous one was answered, timing every answer and counting those that were not the expected one.
/// </summary>
internal static class ClosedLoop
{
    /// <param name="concurrency">How many requests are outstanding at once.</param>
    /// <param name="requests">How many requests in all.</param>
    /// <param name="send">Sends request number <c>i</c>; answers null for the expected answer, else what was wrong.</param>
    /// <param name="times">Receives each request's answer time in milliseconds by its number; null for a warm-up.</param>
    /// <param name="cancellationToken">Stops the workers.</param>
    public static async Task<(int Unexpected, string? First)> RunAsync(
        int concurrency, int requests, Func<int, Task<string?>> send, double[]? times, CancellationToken cancellationToken)
    {
        var next = -1;
        var unexpected = 0;
        string? first = null;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                var problem = await send(index).ConfigureAwait(false);
                if (times is not null)
                {
                    times[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                if (problem is not null)
                {
                    Interlocked.Increment(ref unexpected);
                    Interlocked.CompareExchange(ref first, problem, null);
                }
            }
        }, cancellationToken));
        await Task.WhenAll(workers).ConfigureAwait(false);
        return (unexpected, first);
    }
}
