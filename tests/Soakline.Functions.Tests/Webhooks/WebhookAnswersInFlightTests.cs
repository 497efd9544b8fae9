using Microsoft.Extensions.Time.Testing;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

public sealed class WebhookAnswersInFlightTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task Idle_only_once_every_answer_in_flight_has_ended()
    {
        var answers = new WebhookAnswersInFlight(_clock);
        Assert.True(answers.WhenIdle().IsCompletedSuccessfully);

        var first = answers.Enter();
        var second = answers.Enter();
        var idle = answers.WhenIdle();
        first.Dispose();
        first.Dispose();

        Assert.Equal(1, answers.Count);
        Assert.False(idle.IsCompleted);
        second.Dispose();
        Assert.Equal(0, answers.Count);
        await idle.WaitAsync(TimeSpan.FromSeconds(30));

        using var third = answers.Enter();
        Assert.False(answers.WhenIdle().IsCompleted);
    }

    [Fact]
    public void Quiet_at_once_before_any_answer_and_once_the_last_answer_ended_a_quiet_period_ago()
    {
        var answers = new WebhookAnswersInFlight(_clock);
        Assert.True(answers.WhenQuietAsync(CancellationToken.None).IsCompletedSuccessfully);

        answers.Enter().Dispose();
        Assert.False(answers.WhenQuietAsync(CancellationToken.None).IsCompleted);

        _clock.Advance(WebhookAnswersInFlight.QuietPeriod);
        Assert.True(answers.WhenQuietAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Quiet_only_a_quiet_period_after_the_last_answer_ended_and_an_answer_in_between_starts_the_wait_over()
    {
        var answers = new WebhookAnswersInFlight(_clock);
        var inFlight = answers.Enter();
        var quiet = answers.WhenQuietAsync(CancellationToken.None);

        // In flight: however long it takes, not quiet.
        _clock.Advance(WebhookAnswersInFlight.QuietPeriod * 4);
        Assert.False(quiet.IsCompleted);

        // Ended, then another answer came and went just before the period was over: the wait starts over from it.
        inFlight.Dispose();
        _clock.Advance(WebhookAnswersInFlight.QuietPeriod - Millisecond);
        answers.Enter().Dispose();
        var lastEndedAt = _clock.GetUtcNow();

        // The clock moves in tenths of the period; the time noted when the wait ends is at or after the moment it ended.
        DateTimeOffset? quietAt = null;
        var noted = quiet.ContinueWith(_ => quietAt ??= _clock.GetUtcNow(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await Eventually.MatchAsync(
            () =>
            {
                _clock.Advance(WebhookAnswersInFlight.QuietPeriod / 10);
                return Task.FromResult(quiet.IsCompleted);
            },
            completed => completed,
            "the webhook to count as quiet");
        await noted;

        Assert.True(quiet.IsCompletedSuccessfully);
        Assert.True(quietAt >= lastEndedAt + WebhookAnswersInFlight.QuietPeriod, $"quiet at {quietAt:O}, the last answer ended at {lastEndedAt:O}");
    }

    [Fact]
    public async Task A_quiet_wait_given_up_ends_cancelled()
    {
        var answers = new WebhookAnswersInFlight(_clock);
        using var inFlight = answers.Enter();
        using var giveUp = new CancellationTokenSource();
        var quiet = answers.WhenQuietAsync(giveUp.Token);

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quiet.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
