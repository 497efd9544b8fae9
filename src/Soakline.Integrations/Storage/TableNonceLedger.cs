using Soakline.Integrations.Approvals;

namespace Soakline.Integrations.Storage;

/// <summary>Spent approval-link nonces in the ledger table: a link works once across all instances of the app.</summary>
public sealed class TableNonceLedger(LedgerTable table) : INonceLedger
{
    private const string Kind = "nonce";

    public Task<bool> TryConsumeAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        table.TryAddAsync(Kind, nonce, expiresAt, cancellationToken);
}
