using Azure.Data.Tables;
using Soakline.Functions.Storage;
using Soakline.Integrations.Storage;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Tests.Webhooks;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Storage;

/// <summary>The delivery ledger contract on Azure Tables (Azurite); every handle is a separate client, as separate app instances are.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableDeliveryLedgerTests(AzuriteFixture azurite) : DeliveryLedgerContract
{
    private readonly string _taskHub = AzuriteFixture.NewTaskHub();

    private LedgerTable Table() => new(new TableServiceClient(azurite.ConnectionString), _taskHub);

    protected override IDeliveryLedger Instance() => new TableDeliveryLedger(Table(), Clock);

    [Fact]
    public async Task A_row_recorded_before_claims_existed_is_a_handled_delivery()
    {
        var deliveryId = Guid.NewGuid().ToString();
        Assert.True(await Table().TryAddAsync("delivery", deliveryId, Clock.GetUtcNow() + DeliveryLedgerEntry.Retention, CancellationToken.None));

        Clock.Advance(DeliveryClaim.Timeout * 10);

        Assert.Equal(new DeliveryClaim(deliveryId, DeliveryClaimOutcome.Handled), await Instance().ClaimAsync(deliveryId, CancellationToken.None));
    }

    [Fact]
    public async Task A_set_aside_push_keeps_its_reason_in_the_ledger()
    {
        var deliveryId = Guid.NewGuid().ToString();
        var ledger = new TableDeliveryLedger(Table(), Clock);
        var push = new PushReceived(new Pipeline.Domain.RepositoryRef("acme", "shop"), "main", new string('a', 40), Clock.GetUtcNow(), "ada", "Ship it");
        var claim = await ledger.ClaimToStartAsync(deliveryId, push, CancellationToken.None);

        await ledger.SetAsideAsync(claim, "ArgumentException: the engine refuses the instance id", CancellationToken.None);

        // Read through another handle, as another instance of the app (or an operator's tool) would.
        var other = new TableDeliveryLedger(Table(), Clock);
        Assert.Equal("ArgumentException: the engine refuses the instance id", await other.SetAsideReasonAsync(deliveryId, CancellationToken.None));
    }
}
