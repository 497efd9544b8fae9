namespace Soakline.Integrations.Approvals;

/// <summary>
/// Remembers spent approval-token nonces so each token works once. The app persists it (table storage); the
/// in-memory ledger serves tests and single-process runs.
/// </summary>
public interface INonceLedger
{
    /// <summary>
    /// Marks <paramref name="nonce"/> as spent. Returns false when it was spent before. Atomic: of two concurrent
    /// calls with one nonce, exactly one returns true.
    /// </summary>
    /// <param name="expiresAt">After this the token is rejected as expired anyway, so the entry may be forgotten.</param>
    Task<bool> TryConsumeAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
