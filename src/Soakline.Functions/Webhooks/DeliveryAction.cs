using System.Text.Json.Serialization;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// A delivery's <c>action</c> alone, read before the whole body. Octokit.Webhooks' per-action event types
/// (<c>WorkflowRunCompletedEvent</c>) answer their own action whatever the body says, and its per-event base types pick
/// the type by action and refuse actions it does not know, which GitHub adds from time to time.
/// </summary>
internal sealed record DeliveryAction([property: JsonPropertyName("action")] string? Action);
