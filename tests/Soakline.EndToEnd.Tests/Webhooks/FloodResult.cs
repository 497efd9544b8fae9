using System.Net;

namespace Soakline.EndToEnd.Tests.Webhooks;

/// <summary>The app's answer to one flood request: status and the reply's <c>status</c> word.</summary>
internal sealed record FloodResult(FloodDelivery Delivery, HttpStatusCode Status, string? ReplyStatus)
{
    public override string ToString() => $"{Delivery.Kind} {Delivery.DeliveryId} ({Delivery.Sha[..7]}): {(int)Status} {ReplyStatus}";
}
