using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>The delivery ledger contract on the process-local ledger; every handle is the one ledger.</summary>
public sealed class InMemoryDeliveryLedgerTests : DeliveryLedgerContract
{
    private readonly Lazy<InMemoryDeliveryLedger> _ledger;

    public InMemoryDeliveryLedgerTests() => _ledger = new(() => new InMemoryDeliveryLedger(Clock));

    protected override IDeliveryLedger Instance() => _ledger.Value;

    [Fact]
    public async Task Deliveries_are_forgotten_after_the_retention()
    {
        var ledger = _ledger.Value;
        var handled = await ledger.ClaimAsync("handled-long-ago", CancellationToken.None);
        await ledger.CompleteAsync(handled, CancellationToken.None);

        Clock.Advance(DeliveryLedgerEntry.Retention + TimeSpan.FromMinutes(1));
        var later = await ledger.ClaimAsync("later", CancellationToken.None);

        Assert.True(later.IsClaimed);
        Assert.False(await ledger.HasSeenAsync("handled-long-ago", CancellationToken.None));
        Assert.Equal(1, ledger.Count);
    }
}
