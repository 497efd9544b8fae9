using System.Collections.Concurrent;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// A process-local ledger that forgets deliveries after <see cref="Retention"/> (GitHub keeps deliveries for
/// redelivery for a few days). Enough for one standalone process; several instances need a shared, table-backed one.
/// </summary>
public sealed class InMemoryDeliveryLedger(TimeProvider timeProvider) : IDeliveryLedger
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public int Count => _seen.Count;

    public Task<bool> HasSeenAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        return Task.FromResult(_seen.ContainsKey(deliveryId));
    }

    public Task<bool> RecordAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        ForgetExpired();
        return Task.FromResult(_seen.TryAdd(deliveryId, timeProvider.GetUtcNow()));
    }

    private void ForgetExpired()
    {
        var cutoff = timeProvider.GetUtcNow() - Retention;
        foreach (var (id, at) in _seen)
        {
            if (at < cutoff)
            {
                _seen.TryRemove(id, out _);
            }
        }
    }
}
