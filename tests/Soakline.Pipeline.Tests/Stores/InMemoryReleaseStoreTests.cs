using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Stores;

namespace Soakline.Pipeline.Tests.Stores;

public sealed class InMemoryReleaseStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly InMemoryReleaseStore _store = new();

    private static ReleaseTransition Deployed(string id, string pipeline, string release, TransitionKind kind = TransitionKind.Deployed, int minutes = 0) =>
        new(id, pipeline, "production", kind, At.AddMinutes(minutes), "", new CommitRef(new("acme", "shop"), release[^7..]), "api", ReleaseId.Parse(release));

    [Fact]
    public async Task Duplicate_transitions_are_recorded_once()
    {
        var transition = Deployed("same", "p1", "20261123T100000Z-aaaaaaa");

        await _store.RecordAsync(transition, None);
        await _store.RecordAsync(transition, None);

        Assert.Single(await _store.GetTransitionsAsync(new TransitionQuery(), None));
    }

    [Fact]
    public async Task Current_release_follows_deploys_and_rollbacks_and_keeps_the_origin_pipeline()
    {
        await _store.RecordAsync(Deployed("1", "p1", "20261123T100000Z-aaaaaaa"), None);
        await _store.RecordAsync(Deployed("2", "p2", "20261123T110000Z-bbbbbbb", minutes: 1), None);
        Assert.Equal("20261123T110000Z-bbbbbbb", (await _store.GetCurrentReleaseAsync("production", "api", None))!.Release.Value);

        await _store.RecordAsync(Deployed("3", "rollback-1", "20261123T100000Z-aaaaaaa", TransitionKind.RolledBack, minutes: 2), None);

        var history = await _store.GetReleaseHistoryAsync("production", "api", None);
        Assert.Equal(["20261123T100000Z-aaaaaaa", "20261123T110000Z-bbbbbbb"], history.Select(h => h.Release.Value));
        Assert.Equal("p1", history[0].PipelineId);
        Assert.Null(await _store.GetCurrentReleaseAsync("staging", "api", None));
    }

    [Fact]
    public async Task Environment_queue_is_first_come_first_served()
    {
        Assert.True((await _store.AcquireEnvironmentAsync("staging", "a", ConcurrencyMode.Queue, None)).Acquired);
        Assert.True((await _store.AcquireEnvironmentAsync("staging", "a", ConcurrencyMode.Queue, None)).Acquired);
        var b = await _store.AcquireEnvironmentAsync("staging", "b", ConcurrencyMode.Queue, None);
        var c = await _store.AcquireEnvironmentAsync("staging", "c", ConcurrencyMode.Queue, None);
        Assert.Equal((false, "a", 1), (b.Acquired, b.Holder, b.QueuePosition));
        Assert.Equal(2, c.QueuePosition);

        await _store.ReleaseEnvironmentAsync("staging", "a", None);

        Assert.False((await _store.AcquireEnvironmentAsync("staging", "c", ConcurrencyMode.Queue, None)).Acquired);
        Assert.True((await _store.AcquireEnvironmentAsync("staging", "b", ConcurrencyMode.Queue, None)).Acquired);
        Assert.True((await _store.AcquireEnvironmentAsync("production", "c", ConcurrencyMode.Queue, None)).Acquired);
    }

    [Fact]
    public async Task Refuse_mode_answers_no_and_does_not_queue()
    {
        await _store.AcquireEnvironmentAsync("production", "a", ConcurrencyMode.Refuse, None);

        var refused = await _store.AcquireEnvironmentAsync("production", "b", ConcurrencyMode.Refuse, None);
        await _store.ReleaseEnvironmentAsync("production", "a", None);

        Assert.Equal((false, "a", 0), (refused.Acquired, refused.Holder, refused.QueuePosition));
        Assert.True((await _store.AcquireEnvironmentAsync("production", "d", ConcurrencyMode.Refuse, None)).Acquired);
    }
}
