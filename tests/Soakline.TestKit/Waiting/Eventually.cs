namespace Soakline.TestKit.Waiting;

/// <summary>
/// Waits for observable state: re-reads an observation until a condition holds, and fails with what was awaited and the
/// last value seen when a deadline passes. The one way the suites wait, so a slow machine makes a test slower, not red.
/// </summary>
/// <remarks>
/// Hand-written rather than a Polly retry pipeline: the loop is a dozen lines, the failure message must carry the last
/// observation (which a retry library reports as an exhausted outcome, not as text), and no test project depends on
/// Polly today. Elapsed time comes from a <see cref="TimeProvider"/>'s monotonic timestamp, never from the wall clock,
/// so a clock adjustment neither cuts a wait short nor stretches it.
/// </remarks>
public static class Eventually
{
    /// <summary>How long a wait lasts when the caller names no limit: far above any expected duration on a busy machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The pause between two observations when the caller names none.</summary>
    public static readonly TimeSpan DefaultRecheckInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Observes until <paramref name="condition"/> holds for the observed value, within <see cref="DefaultTimeout"/>.
    /// </summary>
    /// <typeparam name="T">The observed value.</typeparam>
    /// <param name="observe">Reads the current state; called once per recheck.</param>
    /// <param name="condition">True once the awaited state is reached.</param>
    /// <param name="what">What is awaited, in words, for the timeout message (e.g. "the pipeline to complete").</param>
    /// <param name="cancellationToken">Stops the wait with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>The first observed value for which <paramref name="condition"/> holds.</returns>
    /// <exception cref="TimeoutException">The deadline passed; the message names <paramref name="what"/> and the last value.</exception>
    public static Task<T> MatchAsync<T>(Func<Task<T>> observe, Func<T, bool> condition, string what, CancellationToken cancellationToken = default) =>
        MatchAsync(observe, condition, DefaultTimeout, what, cancellationToken: cancellationToken);

    /// <summary>
    /// Observes until <paramref name="condition"/> holds for the observed value or <paramref name="within"/> has passed.
    /// </summary>
    /// <typeparam name="T">The observed value.</typeparam>
    /// <param name="observe">Reads the current state; called once per recheck, and once more after the deadline passed.</param>
    /// <param name="condition">True once the awaited state is reached.</param>
    /// <param name="within">How long to keep observing.</param>
    /// <param name="what">What is awaited, in words, for the timeout message (e.g. "the pipeline to complete").</param>
    /// <param name="recheckInterval">The pause between observations; <see cref="DefaultRecheckInterval"/> when null.</param>
    /// <param name="describe">Renders the last value for the timeout message; its <c>ToString()</c> when null.</param>
    /// <param name="timeProvider">Measures the deadline and the pauses; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="cancellationToken">Stops the wait with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>The first observed value for which <paramref name="condition"/> holds.</returns>
    /// <exception cref="TimeoutException">The deadline passed; the message names <paramref name="what"/> and the last value.</exception>
    public static async Task<T> MatchAsync<T>(
        Func<Task<T>> observe,
        Func<T, bool> condition,
        TimeSpan within,
        string what,
        TimeSpan? recheckInterval = null,
        Func<T, string>? describe = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observe);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        ArgumentOutOfRangeException.ThrowIfLessThan(within, TimeSpan.Zero);
        var pause = recheckInterval ?? DefaultRecheckInterval;
        ArgumentOutOfRangeException.ThrowIfLessThan(pause, TimeSpan.Zero, nameof(recheckInterval));
        var clock = timeProvider ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var value = await observe().ConfigureAwait(false);
            if (condition(value))
            {
                return value;
            }

            var elapsed = clock.GetElapsedTime(started);
            if (elapsed > within)
            {
                var last = describe is null ? value?.ToString() ?? "null" : describe(value);
                throw new TimeoutException($"Gave up after {elapsed.TotalSeconds:0.0} s (limit {within.TotalSeconds:0.0} s) waiting for {what}; last observed: {last}");
            }

            await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Observes until <paramref name="holds"/> answers true or <paramref name="within"/> has passed.</summary>
    /// <param name="holds">Reads whether the awaited state is reached; called once per recheck.</param>
    /// <param name="within">How long to keep observing.</param>
    /// <param name="what">What is awaited, in words, for the timeout message.</param>
    /// <param name="recheckInterval">The pause between observations; <see cref="DefaultRecheckInterval"/> when null.</param>
    /// <param name="cancellationToken">Stops the wait with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>A task that completes once <paramref name="holds"/> answered true.</returns>
    /// <exception cref="TimeoutException">The deadline passed; the message names <paramref name="what"/>.</exception>
    public static Task TrueAsync(Func<Task<bool>> holds, TimeSpan within, string what, TimeSpan? recheckInterval = null, CancellationToken cancellationToken = default) =>
        MatchAsync(holds, reached => reached, within, what, recheckInterval, cancellationToken: cancellationToken);

    /// <summary>
    /// A token that cancels after <see cref="DefaultTimeout"/>, for waits the code under test does itself (a client's
    /// wait for completion), so a broken component fails the test instead of hanging it.
    /// </summary>
    /// <returns>A token cancelled once <see cref="DefaultTimeout"/> has passed.</returns>
    public static CancellationToken Timeout() => new CancellationTokenSource(DefaultTimeout).Token;
}
