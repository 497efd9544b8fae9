using Microsoft.Extensions.Time.Testing;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>The client's wait re-reads quickly at first and backs off to its cap (DTFx's own wait reads every 2 s).</summary>
public sealed class PollerTests
{
    [Fact]
    public async Task Reads_back_off_from_50_ms_to_the_cap()
    {
        var time = new FakeTimeProvider();
        var poller = new InstanceStatusPoller(time, TimeSpan.FromMilliseconds(300));
        var reads = new List<TimeSpan>();
        var start = time.GetUtcNow();
        var wait = poller.WaitAsync(
            _ =>
            {
                reads.Add(time.GetUtcNow() - start);
                return Task.FromResult<string?>(reads.Count == 6 ? "done" : "running");
            },
            state => state == "done",
            () => new InvalidOperationException("missing"),
            CancellationToken.None);

        while (!wait.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal("done", await wait);
        Assert.Equal([0, 50, 150, 350, 650, 950], reads.Select(r => (int)r.TotalMilliseconds));
    }

    [Fact]
    public async Task A_missing_instance_fails_the_wait_at_once()
    {
        var poller = new InstanceStatusPoller(new FakeTimeProvider(), TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => poller.WaitAsync(
            _ => Task.FromResult<string?>(null), _ => true, () => new InvalidOperationException("no such instance"), CancellationToken.None));

        Assert.Equal("no such instance", error.Message);
    }
}
