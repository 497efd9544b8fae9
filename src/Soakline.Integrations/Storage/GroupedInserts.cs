using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Soakline.Integrations.Storage;

/// <summary>
/// Group commit of inserts into one partition of a table. Inserts that arrive while a write is under way wait for it to
/// end and then go to storage together as one entity group transaction (up to <see cref="MaxEntities"/> rows): under a
/// flood of webhook deliveries, fifty concurrent claims cost one round trip to storage instead of fifty that queue
/// behind each other. An insert that arrives when nothing is being written goes alone at once, so a lone delivery
/// waits for nothing. Every caller is answered only once ITS row is written (or found to exist).
/// </summary>
/// <remarks>
/// A transaction fails as a whole when one of its rows exists already (a copy of a delivery); the inserts of that
/// group are then tried one by one, so each caller gets its own answer: the duplicate "exists", the others "added".
/// One key appears at most once in a transaction (storage refuses a group that names a row twice); a second insert of
/// the same key waits for the next group, where it finds the first one's row.
/// </remarks>
internal sealed class GroupedInserts(TableClient table)
{
    /// <summary>The most operations Azure Tables takes in one entity group transaction.</summary>
    public const int MaxEntities = 100;

    // Azure Tables refuses a transaction whose request exceeds 4 MiB; the estimate below is generous, so half of that
    // keeps a group of large rows (a push record holds up to a 64 KiB property) under the limit.
    private const long MaxGroupBytes = 2 * 1024 * 1024;

    private readonly ConcurrentQueue<PendingInsert> _queue = new();

    // Read and written only by the one writer running at a time: inserts held back to the next group.
    private readonly Queue<PendingInsert> _heldBack = new();
    private int _writing;

    /// <summary>Adds <paramref name="entity"/>; true when written, false when its row existed.</summary>
    public Task<bool> TryAddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var insert = new PendingInsert(entity, cancellationToken);
        _queue.Enqueue(insert);
        StartWriterIfIdle();

        // A caller that gives up stops waiting; its insert may still be written (as a single insert may be once sent).
        return insert.Written.Task.WaitAsync(cancellationToken);
    }

    private void StartWriterIfIdle()
    {
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(WriteAllAsync);
        }
    }

    private async Task WriteAllAsync()
    {
        while (true)
        {
            while (TakeGroup() is { Count: > 0 } group)
            {
                await WriteAsync(group).ConfigureAwait(false);
            }

            // Nothing left: stand down, unless an insert came in between the last look and now and no other writer
            // started for it (then this one goes on).
            Volatile.Write(ref _writing, 0);
            if ((_queue.IsEmpty && _heldBack.Count == 0) || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private List<PendingInsert> TakeGroup()
    {
        var group = new List<PendingInsert>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var bytes = 0L;
        var heldBack = new List<PendingInsert>();
        var fromHeldBack = _heldBack.Count;
        while (group.Count < MaxEntities)
        {
            PendingInsert? next = null;
            if (fromHeldBack > 0)
            {
                fromHeldBack--;
                next = _heldBack.Dequeue();
            }
            else if (!_queue.TryDequeue(out next))
            {
                break;
            }

            if (next.Cancellation.IsCancellationRequested)
            {
                // Its caller is gone and nothing was sent yet: nobody needs the row.
                next.Written.TrySetCanceled(next.Cancellation);
                continue;
            }

            var size = EstimatedBytes(next.Entity);
            if (!keys.Add(next.Entity.RowKey) || (group.Count > 0 && bytes + size > MaxGroupBytes))
            {
                heldBack.Add(next);
                if (heldBack.Count >= MaxEntities)
                {
                    break;
                }

                continue;
            }

            bytes += size;
            group.Add(next);
        }

        // Held back inserts go first next time, in their order, before anything newer.
        var rest = _heldBack.ToList();
        _heldBack.Clear();
        foreach (var insert in heldBack.Concat(rest))
        {
            _heldBack.Enqueue(insert);
        }

        return group;
    }

    private async Task WriteAsync(List<PendingInsert> group)
    {
        if (group.Count == 1)
        {
            await WriteAloneAsync(group[0]).ConfigureAwait(false);
            return;
        }

        try
        {
            await table.SubmitTransactionAsync(group.Select(insert => new TableTransactionAction(TableTransactionActionType.Add, insert.Entity)), CancellationToken.None).ConfigureAwait(false);
            group.ForEach(insert => insert.Written.TrySetResult(true));
        }
        catch (TableTransactionFailedException)
        {
            // Usually one row of the group exists (a copy of a delivery): one by one, each caller learns about its own.
            await Task.WhenAll(group.Select(WriteAloneAsync)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            group.ForEach(insert => insert.Written.TrySetException(ex));
        }
    }

    private async Task WriteAloneAsync(PendingInsert insert)
    {
        try
        {
            await table.AddEntityAsync(insert.Entity, CancellationToken.None).ConfigureAwait(false);
            insert.Written.TrySetResult(true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            insert.Written.TrySetResult(false);
        }
        catch (Exception ex)
        {
            insert.Written.TrySetException(ex);
        }
    }

    // An upper bound of the row's share of the transaction's request: JSON may escape a character into six bytes and
    // carries binary as base64.
    private static long EstimatedBytes(TableEntity entity) =>
        512 + (entity.RowKey.Length * 6) + entity.Sum(property => property.Key.Length + property.Value switch
        {
            string text => text.Length * 6L,
            byte[] bytes => (bytes.Length * 4L / 3) + 4,
            BinaryData data => (data.ToMemory().Length * 4L / 3) + 4,
            _ => 64L,
        });

    private sealed record PendingInsert(TableEntity Entity, CancellationToken Cancellation)
    {
        public TaskCompletionSource<bool> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
