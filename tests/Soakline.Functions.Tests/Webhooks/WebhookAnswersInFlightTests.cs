using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

public sealed class WebhookAnswersInFlightTests
{
    [Fact]
    public async Task Idle_only_once_every_answer_in_flight_has_ended()
    {
        var answers = new WebhookAnswersInFlight();
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
}
