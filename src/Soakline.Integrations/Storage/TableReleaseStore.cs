using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Stores;

namespace Soakline.Integrations.Storage;

/// <summary>
/// The pipeline's release store on Azure Tables (<c>{taskHub}Releases</c>), shared by every instance of the app and
/// kept across restarts: the audit trail the DORA figures come from, and the environment leases that allow one
/// mutating pipeline per environment. Same semantics as the pipeline's in-memory store.
/// </summary>
/// <remarks>
/// Transitions live in one partition: each is written together with an id marker in one entity group transaction, so
/// a redelivered activity's transition is stored exactly once. A lease is one row per environment (holder and queue)
/// changed with optimistic concurrency: a lost race re-reads and decides again.
/// </remarks>
public sealed class TableReleaseStore : IReleaseStore
{
    private const string TransitionPartition = "transitions";
    private const string LeasePartition = "leases";
    private const string MarkerPrefix = "id:";
    private const string RowPrefix = "t:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table;
    private readonly Lazy<Task> _created;

    public TableReleaseStore(TableServiceClient service, string taskHub)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = service.GetTableClient(taskHub + "Releases");
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    public async Task RecordAsync(ReleaseTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        await _created.Value;
        var row = $"{RowPrefix}{transition.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}:{RowKeys.Escape(transition.Id)}";
        TableTransactionAction[] batch =
        [
            new(TableTransactionActionType.Add, new TableEntity(TransitionPartition, MarkerPrefix + RowKeys.Escape(transition.Id))),
            new(TableTransactionActionType.Add, new TableEntity(TransitionPartition, row) { ["Json"] = JsonSerializer.Serialize(transition, Json) }),
        ];
        try
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Recorded before: the activity ran again after a crash or a redelivery.
        }
    }

    public async Task<IReadOnlyList<ReleaseTransition>> GetTransitionsAsync(TransitionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = await AllTransitionsAsync(cancellationToken);
        return all.Where(t =>
            (query.Environment is null || t.Environment == query.Environment)
            && (query.PipelineId is null || t.PipelineId == query.PipelineId)
            && (query.From is null || t.At >= query.From)
            && (query.To is null || t.At < query.To)).ToList();
    }

    public async Task<DeployedRelease?> GetCurrentReleaseAsync(string environment, string component, CancellationToken cancellationToken)
    {
        var history = await GetReleaseHistoryAsync(environment, component, cancellationToken);
        return history.Count > 0 ? history[0] : null;
    }

    public async Task<IReadOnlyList<DeployedRelease>> GetReleaseHistoryAsync(string environment, string component, CancellationToken cancellationToken) =>
        ReleaseHistory.Of(await AllTransitionsAsync(cancellationToken), environment, component);

    public Task<EnvironmentLease> AcquireEnvironmentAsync(string environment, string holder, ConcurrencyMode mode, CancellationToken cancellationToken) =>
        ChangeLeaseAsync(environment, lease =>
        {
            if (lease.Holder == holder)
            {
                return (new EnvironmentLease(true, holder, 0), false);
            }

            var firstInLine = lease.Queue.Count == 0 || lease.Queue[0] == holder;
            if (lease.Holder is null && firstInLine)
            {
                lease.Queue.Remove(holder);
                lease.Holder = holder;
                return (new EnvironmentLease(true, holder, 0), true);
            }

            if (mode == ConcurrencyMode.Refuse)
            {
                return (new EnvironmentLease(false, lease.Holder ?? lease.Queue[0], 0), false);
            }

            var joins = !lease.Queue.Contains(holder);
            if (joins)
            {
                lease.Queue.Add(holder);
            }

            return (new EnvironmentLease(false, lease.Holder ?? lease.Queue[0], lease.Queue.IndexOf(holder) + 1), joins);
        }, cancellationToken);

    public Task ReleaseEnvironmentAsync(string environment, string holder, CancellationToken cancellationToken) =>
        ChangeLeaseAsync(environment, lease =>
        {
            var changed = false;
            if (lease.Holder == holder)
            {
                lease.Holder = null;
                changed = true;
            }

            changed |= lease.Queue.Remove(holder);
            return (true, changed);
        }, cancellationToken);

    private async Task<List<ReleaseTransition>> AllTransitionsAsync(CancellationToken cancellationToken)
    {
        await _created.Value;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TransitionPartition} and RowKey ge {RowPrefix} and RowKey lt {"t;"}");
        var transitions = new List<ReleaseTransition>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            transitions.Add(JsonSerializer.Deserialize<ReleaseTransition>(entity.GetString("Json"), Json)!);
        }

        return transitions;
    }

    /// <summary>Reads the environment's lease row, applies <paramref name="decide"/>, and writes it back if it changed.</summary>
    private async Task<T> ChangeLeaseAsync<T>(string environment, Func<LeaseRow, (T Result, bool Changed)> decide, CancellationToken cancellationToken)
    {
        await _created.Value;
        var key = RowKeys.Escape(environment);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, key, cancellationToken: cancellationToken);
            var entity = existing.HasValue ? existing.Value! : new TableEntity(LeasePartition, key);
            var lease = new LeaseRow(
                entity.GetString("Holder") is { Length: > 0 } h ? h : null,
                JsonSerializer.Deserialize<List<string>>(entity.GetString("Queue") ?? "[]", Json)!);
            var (result, changed) = decide(lease);
            if (!changed)
            {
                return result;
            }

            entity["Holder"] = lease.Holder ?? string.Empty;
            entity["Queue"] = JsonSerializer.Serialize(lease.Queue, Json);
            try
            {
                if (existing.HasValue)
                {
                    await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(entity, cancellationToken);
                }

                return result;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance changed the lease between our read and write: decide again on what it wrote.
            }
        }
    }

    private sealed class LeaseRow(string? holder, List<string> queue)
    {
        public string? Holder { get; set; } = holder;

        public List<string> Queue { get; } = queue;
    }
}
