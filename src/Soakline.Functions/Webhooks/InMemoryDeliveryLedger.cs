using System.Collections.Concurrent;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// A process-local ledger that forgets deliveries after <see cref="DeliveryLedgerEntry.Retention"/>. Enough for one
/// standalone process; several instances need a shared, table-backed one.
/// Claims are compare-and-swap on a concurrent dictionary: add if absent, take over a stale claim only if it is still
/// the entry that was read, remove only this request's own claim.
/// </summary>
internal sealed class InMemoryDeliveryLedger(TimeProvider timeProvider) : IDeliveryLedger
{
    private readonly ConcurrentDictionary<string, DeliveryLedgerEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public Task<bool> HasSeenAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        return Task.FromResult(_entries.ContainsKey(deliveryId));
    }

    public Task<DeliveryClaim> ClaimAsync(string deliveryId, CancellationToken cancellationToken) => Claim(deliveryId, null);

    public Task<DeliveryClaim> ClaimToStartAsync(string deliveryId, PushReceived push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        return Claim(deliveryId, push);
    }

    public Task<IReadOnlyList<PendingPush>> PendingPushesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PendingPush> pending = [.. _entries
            .Where(e => !e.Value.Handled && e.Value.SetAsideBecause is null && e.Value.PushToStart is not null)
            .Select(e => new PendingPush(new DeliveryClaim(e.Key, DeliveryClaimOutcome.Claimed, e.Value.Token), e.Value.PushToStart!, e.Value.At))
            .OrderBy(p => p.RecordedAt)];
        return Task.FromResult(pending);
    }

    private Task<DeliveryClaim> Claim(string deliveryId, PushReceived? pushToStart)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        ForgetExpired();
        var now = timeProvider.GetUtcNow();
        var claim = DeliveryClaim.NewClaim(deliveryId);
        var mine = DeliveryLedgerEntry.ClaimedBy(claim, now, pushToStart);

        // Each failed step means another request changed the entry in between; look again at what it left.
        while (true)
        {
            if (_entries.TryAdd(deliveryId, mine))
            {
                return Task.FromResult(claim);
            }

            if (!_entries.TryGetValue(deliveryId, out var held))
            {
                continue;
            }

            if (!held.IsStaleClaim(now))
            {
                return Task.FromResult(DeliveryClaim.HeldElsewhere(deliveryId, held));
            }

            if (_entries.TryUpdate(deliveryId, mine, held))
            {
                return Task.FromResult(claim);
            }
        }
    }

    public Task CompleteAsync(DeliveryClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        claim.EnsureClaimed();

        // Routing succeeded, so the delivery is handled whoever holds the claim now.
        _entries[claim.DeliveryId] = DeliveryLedgerEntry.HandledAt(timeProvider.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task SetAsideAsync(DeliveryClaim claim, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        claim.EnsureClaimed();
        if (_entries.TryGetValue(claim.DeliveryId, out var held) && held.IsHeldBy(claim))
        {
            _entries.TryUpdate(claim.DeliveryId, DeliveryLedgerEntry.SetAsideAt(timeProvider.GetUtcNow(), reason), held);
        }

        return Task.CompletedTask;
    }

    /// <summary>Why the push of <paramref name="deliveryId"/> was set aside, or null when it was not.</summary>
    public string? SetAsideReason(string deliveryId) => _entries.TryGetValue(deliveryId, out var entry) ? entry.SetAsideBecause : null;

    public Task ReleaseAsync(DeliveryClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        claim.EnsureClaimed();
        if (_entries.TryGetValue(claim.DeliveryId, out var held) && held.IsHeldBy(claim))
        {
            _entries.TryRemove(KeyValuePair.Create(claim.DeliveryId, held));
        }

        return Task.CompletedTask;
    }

    private void ForgetExpired()
    {
        var cutoff = timeProvider.GetUtcNow() - DeliveryLedgerEntry.Retention;
        foreach (var (id, entry) in _entries)
        {
            if (entry.At < cutoff)
            {
                _entries.TryRemove(KeyValuePair.Create(id, entry));
            }
        }
    }
}
