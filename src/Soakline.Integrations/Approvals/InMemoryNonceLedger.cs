using System.Collections.Concurrent;

namespace Soakline.Integrations.Approvals;

/// <summary>A process-local nonce ledger; spent nonces are forgotten once their token has expired.</summary>
public sealed class InMemoryNonceLedger(TimeProvider timeProvider) : INonceLedger
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spent = new(StringComparer.Ordinal);

    public InMemoryNonceLedger()
        : this(TimeProvider.System)
    {
    }

    public int Count => _spent.Count;

    public Task<bool> TryConsumeAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        ForgetExpired();
        return Task.FromResult(_spent.TryAdd(nonce, expiresAt));
    }

    private void ForgetExpired()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (nonce, expiresAt) in _spent)
        {
            if (expiresAt < now)
            {
                _spent.TryRemove(nonce, out _);
            }
        }
    }
}
