namespace Soakline.Functions.Webhooks;

/// <summary>What the webhook answers GitHub; it shows in the delivery log under the app's Advanced tab.</summary>
internal sealed record WebhookReply(string Status, string? Detail = null, string? InstanceId = null);
