using System.Text.Json;
using Azure.Data.Tables;
using Soakline.Functions.Webhooks;

using Soakline.Integrations.Storage;

namespace Soakline.Functions.Storage;

/// <summary>
/// Webhook delivery ids in the ledger table, so every instance of the app sees every delivery. A claim is an insert
/// (exactly one of concurrent inserts wins), a stale claim is taken over by an ETag-guarded replace (exactly one of
/// concurrent takers wins), and a release deletes the row only while it is still this request's claim.
/// </summary>
internal sealed class TableDeliveryLedger(LedgerTable table, TimeProvider clock) : IDeliveryLedger
{
    private const string Kind = "delivery";
    private const string State = "State";
    private const string Token = "Token";
    private const string At = "At";
    private const string ExpiresAt = "ExpiresAt";
    private const string ClaimedState = "claimed";

    // A recorded push whose pipeline can never be started, with the reason (SetAsideAsync).
    private const string SetAsideState = "set-aside";
    private const string Reason = "Reason";

    // A claim taken to start a pipeline: the push (UTF-8 JSON) and the delivery id as sent (the row key may be escaped).
    private const string PushToStart = "PushToStart";
    private const string DeliveryId = "DeliveryId";

    /// <summary>
    /// Every lost step means another request changed the row in between (released, completed or took it over); after
    /// this many the delivery fails and GitHub's redelivery tries again, rather than answering with a guess.
    /// </summary>
    private const int MaxAttempts = 5;

    public Task<bool> HasSeenAsync(string deliveryId, CancellationToken cancellationToken) => table.ContainsAsync(Kind, deliveryId, cancellationToken);

    public Task<DeliveryClaim> ClaimAsync(string deliveryId, CancellationToken cancellationToken) => ClaimAsync(deliveryId, null, cancellationToken);

    public Task<DeliveryClaim> ClaimToStartAsync(string deliveryId, PushReceived push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        return ClaimAsync(deliveryId, push, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingPush>> PendingPushesAsync(CancellationToken cancellationToken)
    {
        var claimed = await table.WhereAsync(Kind, State, ClaimedState, cancellationToken);
        return [.. claimed
            .Where(row => row.GetBinary(PushToStart) is not null && row.GetString(DeliveryId) is not null)
            .Select(row => new PendingPush(
                new DeliveryClaim(row.GetString(DeliveryId), DeliveryClaimOutcome.Claimed, row.GetString(Token)),
                JsonSerializer.Deserialize<PushReceived>(row.GetBinary(PushToStart))!,
                row.GetDateTimeOffset(At) ?? DateTimeOffset.MinValue))
            .OrderBy(pending => pending.RecordedAt)];
    }

    private async Task<DeliveryClaim> ClaimAsync(string deliveryId, PushReceived? pushToStart, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        var now = clock.GetUtcNow();
        var claim = DeliveryClaim.NewClaim(deliveryId);
        var mine = Properties(deliveryId, DeliveryLedgerEntry.ClaimedBy(claim, now, pushToStart));

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await table.TryAddAsync(Kind, deliveryId, mine, cancellationToken))
            {
                return claim;
            }

            var row = await table.GetAsync(Kind, deliveryId, cancellationToken);
            if (row is null)
            {
                continue;
            }

            var held = Entry(row);
            if (!held.IsStaleClaim(now))
            {
                return DeliveryClaim.HeldElsewhere(deliveryId, held);
            }

            if (await table.TryReplaceAsync(Kind, deliveryId, mine, row.ETag, cancellationToken))
            {
                return claim;
            }
        }

        throw new InvalidOperationException($"delivery {deliveryId}: the ledger row kept changing under {MaxAttempts} claim attempts");
    }

    public Task CompleteAsync(DeliveryClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        claim.EnsureClaimed();

        // Routing succeeded, so the delivery is handled whoever holds the claim now.
        return table.UpsertAsync(Kind, claim.DeliveryId, Properties(claim.DeliveryId, DeliveryLedgerEntry.HandledAt(clock.GetUtcNow())), cancellationToken);
    }

    public async Task SetAsideAsync(DeliveryClaim claim, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        claim.EnsureClaimed();
        var row = await table.GetAsync(Kind, claim.DeliveryId, cancellationToken);
        if (row is not null && Entry(row).IsHeldBy(claim))
        {
            // Only while it is still this claim: a redelivery that took it over meanwhile keeps its own.
            await table.TryReplaceAsync(Kind, claim.DeliveryId, Properties(claim.DeliveryId, DeliveryLedgerEntry.SetAsideAt(clock.GetUtcNow(), reason)), row.ETag, cancellationToken);
        }
    }

    /// <summary>Why the push of <paramref name="deliveryId"/> was set aside, or null when it was not.</summary>
    public async Task<string?> SetAsideReasonAsync(string deliveryId, CancellationToken cancellationToken) =>
        await table.GetAsync(Kind, deliveryId, cancellationToken) is { } row ? Entry(row).SetAsideBecause : null;

    public async Task ReleaseAsync(DeliveryClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        claim.EnsureClaimed();
        var row = await table.GetAsync(Kind, claim.DeliveryId, cancellationToken);
        if (row is not null && Entry(row).IsHeldBy(claim))
        {
            await table.TryDeleteAsync(Kind, claim.DeliveryId, row.ETag, cancellationToken);
        }
    }

    private static Dictionary<string, object> Properties(string deliveryId, DeliveryLedgerEntry entry)
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [State] = entry.Handled ? "handled" : entry.SetAsideBecause is null ? ClaimedState : SetAsideState,
            [At] = entry.At,
            [ExpiresAt] = entry.At + DeliveryLedgerEntry.Retention,
        };
        if (entry.Token is not null)
        {
            properties[Token] = entry.Token;
        }

        if (entry.SetAsideBecause is not null)
        {
            // A table property holds at most 32 K characters; the reason is an exception's message.
            properties[Reason] = entry.SetAsideBecause.Length > 4_000 ? entry.SetAsideBecause[..4_000] : entry.SetAsideBecause;
        }

        if (entry.PushToStart is not null)
        {
            properties[PushToStart] = JsonSerializer.SerializeToUtf8Bytes(entry.PushToStart);
            properties[DeliveryId] = deliveryId;
        }

        return properties;
    }

    /// <summary>Rows written before claims existed hold only <c>ExpiresAt</c>: they are handled deliveries.</summary>
    private static DeliveryLedgerEntry Entry(TableEntity row) => row.GetString(State) switch
    {
        ClaimedState => new DeliveryLedgerEntry(false, row.GetString(Token), row.GetDateTimeOffset(At) ?? DateTimeOffset.MinValue),
        SetAsideState => DeliveryLedgerEntry.SetAsideAt(row.GetDateTimeOffset(At) ?? DateTimeOffset.MinValue, row.GetString(Reason) ?? "(no reason recorded)"),
        _ => DeliveryLedgerEntry.HandledAt(row.GetDateTimeOffset(At) ?? row.Timestamp ?? DateTimeOffset.MinValue),
    };
}
