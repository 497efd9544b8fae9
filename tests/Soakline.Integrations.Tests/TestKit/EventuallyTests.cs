using Microsoft.Extensions.Time.Testing;

namespace Soakline.Integrations.Tests.TestKit;

/// <summary>
/// The TestKit's <see cref="Eventually"/>, on a fake clock: time passes only when a test moves it, so these tests
/// never sleep and a busy machine cannot make them time out or pass by accident.
/// </summary>
public sealed class EventuallyTests
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task Returns_the_first_value_for_which_the_condition_holds()
    {
        var observations = 0;

        // Each observation moves the clock one recheck on, so the pause after it has already passed.
        var value = await Eventually.MatchAsync(
            () => Task.FromResult(Observe(ref observations)),
            seen => seen >= 3,
            TimeSpan.FromMinutes(1),
            "three observations",
            recheckInterval: TimeSpan.Zero,
            timeProvider: _clock);

        Assert.Equal(3, value);
        Assert.Equal(3, observations);
    }

    [Fact]
    public async Task Times_out_naming_what_was_awaited_and_the_last_observed_value()
    {
        var observations = 0;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Eventually.MatchAsync(
            () => Task.FromResult(Observe(ref observations)),
            _ => false,
            TimeSpan.FromSeconds(5),
            "the canary to turn healthy",
            recheckInterval: TimeSpan.Zero,
            describe: seen => $"observation #{seen}",
            timeProvider: _clock));

        // Observations at 1 s .. 6 s: the sixth is the first seen past the 5 s limit, and the last.
        Assert.Equal(6, observations);
        Assert.Contains("the canary to turn healthy", error.Message, StringComparison.Ordinal);
        Assert.Contains("last observed: observation #6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waits_the_recheck_interval_between_observations()
    {
        var observations = 0;
        var secondObservation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var wait = Eventually.MatchAsync(
            () =>
            {
                if (Interlocked.Increment(ref observations) == 2)
                {
                    secondObservation.TrySetResult();
                }

                return Task.FromResult(observations);
            },
            seen => seen >= 2,
            TimeSpan.FromMinutes(1),
            "a second observation",
            recheckInterval: Recheck,
            timeProvider: _clock);

        // The first observation ran synchronously and the wait now pauses on the fake clock, which has not moved.
        Assert.Equal(1, Volatile.Read(ref observations));
        Assert.False(wait.IsCompleted);

        _clock.Advance(Recheck);
        await secondObservation.Task.WaitAsync(Eventually.Timeout());

        Assert.Equal(2, await wait);
    }

    [Fact]
    public async Task Stops_with_a_cancellation_when_the_token_is_cancelled_during_a_pause()
    {
        using var cancel = new CancellationTokenSource();
        var observations = 0;

        var wait = Eventually.TrueAsync(
            () => Task.FromResult(Interlocked.Increment(ref observations) < 0),
            TimeSpan.FromMinutes(1),
            "a condition that never holds",
            Recheck,
            cancel.Token);
        Assert.False(wait.IsCompleted);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(1, Volatile.Read(ref observations));
    }

    [Fact]
    public async Task Does_not_observe_at_all_when_already_cancelled()
    {
        var observations = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.MatchAsync(
            () => Task.FromResult(++observations),
            _ => true,
            "anything",
            new CancellationToken(canceled: true)));

        Assert.Equal(0, observations);
    }

    [Fact]
    public async Task A_blank_description_is_refused_before_anything_is_observed()
    {
        var observations = 0;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Eventually.MatchAsync(
            () => Task.FromResult(++observations),
            _ => true,
            " "));

        Assert.Equal("what", error.ParamName);
        Assert.Equal(0, observations);
    }

    /// <summary>Counts an observation and lets one recheck interval pass on the fake clock, as a slow read would.</summary>
    private int Observe(ref int observations)
    {
        _clock.Advance(Recheck);
        return ++observations;
    }
}
