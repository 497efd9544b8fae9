using Soakline.Durable.AzureStorage.Messaging;
using Soakline.Durable.History;
using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Tests;

/// <summary>The pollers' pure parts: back-off and per-instance batching.</summary>
public sealed class PollingPartsTests
{
    [Fact]
    public void Back_off_starts_at_10_ms_doubles_to_the_maximum_and_resets_after_work()
    {
        var backoff = new AdaptiveBackoff(TimeSpan.FromMilliseconds(100));

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.NextDelay().TotalMilliseconds).ToList();
        backoff.Reset();

        Assert.Equal([10, 20, 40, 80, 100, 100], delays);
        Assert.Equal(10, backoff.NextDelay().TotalMilliseconds);
    }

    [Fact]
    public void Messages_for_one_instance_form_one_batch_and_wait_while_it_is_being_processed()
    {
        var buffer = new ControlMessageBuffer();
        buffer.Add(Received("a", "1"));
        buffer.Add(Received("b", "2"));
        buffer.Add(Received("a", "3"));

        Assert.True(buffer.TryTake(out var first, out var firstBatch));
        Assert.Equal("a", first);
        Assert.Equal(["1", "3"], firstBatch.Select(m => m.QueueMessageId));

        buffer.Add(Received("a", "4")); // "a" is being processed: this waits for the next batch.
        Assert.True(buffer.TryTake(out var second, out _));
        Assert.Equal("b", second);
        Assert.False(buffer.TryTake(out _, out _));

        buffer.Finish("a", redo: null);
        Assert.True(buffer.TryTake(out var third, out var thirdBatch));
        Assert.Equal("a", third);
        Assert.Equal(["4"], thirdBatch.Select(m => m.QueueMessageId));
    }

    [Fact]
    public void A_batch_redone_after_a_conflict_comes_back_first()
    {
        var buffer = new ControlMessageBuffer();
        buffer.Add(Received("a", "1"));
        Assert.True(buffer.TryTake(out _, out var batch));
        buffer.Add(Received("a", "2"));

        buffer.Finish("a", batch);

        Assert.True(buffer.TryTake(out _, out var again));
        Assert.Equal(["1", "2"], again.Select(m => m.QueueMessageId));
    }

    private static ReceivedControlMessage Received(string instanceId, string queueMessageId) =>
        new(queueMessageId, "receipt", OrchestrationMessage.Create(instanceId, null, new EventRaised("e", null, queueMessageId)));
}
