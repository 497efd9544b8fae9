using Azure.Data.Tables;
using Soakline.Functions.Storage;
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
}
