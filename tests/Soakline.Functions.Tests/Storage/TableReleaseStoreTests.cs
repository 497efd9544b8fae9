using Azure.Data.Tables;
using Soakline.Functions.Storage;
using Soakline.Integrations.Storage;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Tests.Storage;

/// <summary>The release store on Azure Tables (Azurite) keeps the in-memory store's semantics, across store instances.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableReleaseStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly string _taskHub = AzuriteFixture.NewTaskHub();

    private TableReleaseStore Store() => new(new TableServiceClient(azurite.ConnectionString), _taskHub);

    private static ReleaseTransition Transition(string id, string pipeline, TransitionKind kind, int minutes, string environment = "production", string? component = null, string? release = null) =>
        new(id, pipeline, environment, kind, T0.AddMinutes(minutes), $"{kind} {id}", Component: component, Release: release is null ? null : ReleaseId.Parse(release));

    [Fact]
    public async Task A_transition_is_stored_once_and_read_back_in_time_order_with_filters()
    {
        var first = Store();
        var second = Store();
        await first.RecordAsync(Transition("b", "p1", TransitionKind.Approved, 5), CancellationToken.None);
        await first.RecordAsync(Transition("a", "p1", TransitionKind.PipelineStarted, 1), CancellationToken.None);
        await second.RecordAsync(Transition("a", "p1", TransitionKind.PipelineStarted, 1), CancellationToken.None);
        await second.RecordAsync(Transition("c", "p2", TransitionKind.PipelineStarted, 3, environment: "staging"), CancellationToken.None);

        var all = await second.GetTransitionsAsync(new TransitionQuery(), CancellationToken.None);
        Assert.Equal(["a", "c", "b"], all.Select(t => t.Id));
        Assert.Equal(["a", "b"], (await first.GetTransitionsAsync(new TransitionQuery(PipelineId: "p1"), CancellationToken.None)).Select(t => t.Id));
        Assert.Equal(["c"], (await first.GetTransitionsAsync(new TransitionQuery(Environment: "staging"), CancellationToken.None)).Select(t => t.Id));
        Assert.Equal(["c"], (await first.GetTransitionsAsync(new TransitionQuery(From: T0.AddMinutes(2), To: T0.AddMinutes(5)), CancellationToken.None)).Select(t => t.Id));
    }

    [Fact]
    public async Task The_current_release_is_the_latest_deployed_or_rolled_back_one()
    {
        var store = Store();
        const string Old = "20261120T100000Z-aaaaaaa";
        const string New = "20261123T080000Z-bbbbbbb";
        await store.RecordAsync(Transition("1", "p1", TransitionKind.Deployed, 0, component: "api", release: Old), CancellationToken.None);
        await store.RecordAsync(Transition("2", "p2", TransitionKind.Deployed, 10, component: "api", release: New), CancellationToken.None);
        Assert.Equal(New, (await store.GetCurrentReleaseAsync("production", "api", CancellationToken.None))!.Release.Value);

        await store.RecordAsync(Transition("3", "p2", TransitionKind.RolledBack, 20, component: "api", release: Old), CancellationToken.None);

        var current = (await store.GetCurrentReleaseAsync("production", "api", CancellationToken.None))!;
        Assert.Equal((Old, "p1"), (current.Release.Value, current.PipelineId));
        Assert.Equal([Old, New], (await store.GetReleaseHistoryAsync("production", "api", CancellationToken.None)).Select(r => r.Release.Value));
    }

    [Fact]
    public async Task Leases_queue_first_come_and_refuse_without_remembering()
    {
        var a = Store();
        var b = Store();

        Assert.Equal(new EnvironmentLease(true, "p1", 0), await a.AcquireEnvironmentAsync("production", "p1", ConcurrencyMode.Queue, CancellationToken.None));
        Assert.Equal(new EnvironmentLease(true, "p1", 0), await b.AcquireEnvironmentAsync("production", "p1", ConcurrencyMode.Queue, CancellationToken.None));
        Assert.Equal(new EnvironmentLease(false, "p1", 1), await b.AcquireEnvironmentAsync("production", "p2", ConcurrencyMode.Queue, CancellationToken.None));
        Assert.Equal(new EnvironmentLease(false, "p1", 2), await a.AcquireEnvironmentAsync("production", "p3", ConcurrencyMode.Queue, CancellationToken.None));
        Assert.Equal(new EnvironmentLease(false, "p1", 0), await a.AcquireEnvironmentAsync("production", "p4", ConcurrencyMode.Refuse, CancellationToken.None));

        await b.ReleaseEnvironmentAsync("production", "p1", CancellationToken.None);

        Assert.Equal(new EnvironmentLease(false, "p2", 2), await a.AcquireEnvironmentAsync("production", "p3", ConcurrencyMode.Queue, CancellationToken.None));
        Assert.Equal(new EnvironmentLease(true, "p2", 0), await a.AcquireEnvironmentAsync("production", "p2", ConcurrencyMode.Queue, CancellationToken.None));
        Assert.Equal(new EnvironmentLease(true, "other", 0), await a.AcquireEnvironmentAsync("staging", "other", ConcurrencyMode.Refuse, CancellationToken.None));
    }

    [Fact]
    public async Task Of_concurrent_first_askers_exactly_one_gets_the_environment()
    {
        var askers = Enumerable.Range(1, 6).Select(i => (Store: Store(), Holder: $"p{i}")).ToList();

        var leases = await Task.WhenAll(askers.Select(a => a.Store.AcquireEnvironmentAsync("production", a.Holder, ConcurrencyMode.Queue, CancellationToken.None)));

        var winner = Assert.Single(leases, l => l.Acquired);
        Assert.All(leases.Where(l => !l.Acquired), l => Assert.Equal(winner.Holder, l.Holder));
        Assert.Equal(Enumerable.Range(1, 5), leases.Where(l => !l.Acquired).Select(l => l.QueuePosition).Order());
    }
}
