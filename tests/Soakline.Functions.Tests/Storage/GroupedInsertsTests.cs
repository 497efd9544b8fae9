using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Soakline.Functions.Storage;
using Soakline.Integrations.Storage;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Storage;

/// <summary>
/// Concurrent inserts of one kind go to Azurite as entity group transactions: fewer round trips than inserts, each
/// caller still told about its own row, and a row that exists (a copy of a delivery) answered "exists" on its own.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GroupedInsertsTests(AzuriteFixture azurite)
{
    private const string Kind = "delivery";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _taskHub = AzuriteFixture.NewTaskHub();
    private readonly RequestCounter _requests = new();

    private LedgerTable CountedTable()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        return new LedgerTable(new TableServiceClient(azurite.ConnectionString, options), _taskHub);
    }

    private static Dictionary<string, object> Row(int n) => new(StringComparer.Ordinal) { ["N"] = n };

    [Fact]
    public async Task Sixty_concurrent_inserts_are_all_written_in_a_few_round_trips()
    {
        var table = CountedTable();
        await table.TryAddAsync(Kind, "warm-up", Row(-1), None);
        var before = _requests.Count;
        var ids = Enumerable.Range(0, 60).Select(n => $"{Guid.NewGuid()}-{n}").ToList();

        var added = await Task.WhenAll(ids.Select((id, n) => table.TryAddAsync(Kind, id, Row(n), None)));

        Assert.All(added, Assert.True);
        var rows = await CountedTable().ListAsync(Kind, None);
        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Select(r => r.RowKey).Where(ids.Contains).Order(StringComparer.Ordinal));
        Assert.All(rows.Where(r => ids.Contains(r.RowKey)), r => Assert.Equal(ids.IndexOf(r.RowKey), r.GetInt32("N")));

        // The inserts were queued in one loop, microseconds apart, while a round trip takes milliseconds: the first
        // goes alone, the rest together (one transaction holds up to 100).
        Assert.InRange(_requests.Count - before, 1, 5);
    }

    [Fact]
    public async Task In_a_group_with_a_row_that_exists_only_that_insert_is_refused()
    {
        var table = CountedTable();
        var existing = Guid.NewGuid().ToString();
        Assert.True(await table.TryAddAsync(Kind, existing, Row(0), None));
        var ids = Enumerable.Range(0, 30).Select(n => $"{Guid.NewGuid()}-{n}").ToList();
        ids.Insert(15, existing);

        var added = await Task.WhenAll(ids.Select((id, n) => table.TryAddAsync(Kind, id, Row(n + 1), None)));

        Assert.Equal(ids.Select(id => id != existing), added);
        var rows = (await CountedTable().ListAsync(Kind, None)).ToDictionary(r => r.RowKey);
        Assert.Equal(0, rows[existing].GetInt32("N"));
        Assert.All(ids.Where(id => id != existing), id => Assert.True(rows.ContainsKey(id)));
    }

    [Fact]
    public async Task Of_two_concurrent_inserts_of_one_key_on_one_table_exactly_one_is_written()
    {
        var table = CountedTable();
        var id = Guid.NewGuid().ToString();
        var others = Enumerable.Range(0, 10).Select(n => $"{Guid.NewGuid()}-{n}").ToList();

        var first = table.TryAddAsync(Kind, id, Row(1), None);
        var rest = others.Select((other, n) => table.TryAddAsync(Kind, other, Row(n), None)).ToList();
        var second = table.TryAddAsync(Kind, id, Row(2), None);
        await Task.WhenAll(rest);

        // Which of the two wins is not promised (both first wait for the table to exist, and their continuations may run
        // in either order on a busy machine); that exactly one does, and the row is the winner's, is.
        bool[] answers = await Task.WhenAll(first, second);
        Assert.Single(answers, written => written);
        Assert.All(await Task.WhenAll(rest), Assert.True);
        Assert.Equal(answers[0] ? 1 : 2, (await CountedTable().GetAsync(Kind, id, None))!.GetInt32("N"));
    }

    /// <summary>Counts the HTTP requests a client sends (each a round trip to storage).</summary>
    private sealed class RequestCounter : HttpPipelinePolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _count);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _count);
            return ProcessNextAsync(message, pipeline);
        }
    }
}
