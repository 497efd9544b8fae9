namespace Soakline.Functions.Webhooks;

/// <summary>What a verified push asks for: a pipeline to start, or only the answer (it is ignored, and why).</summary>
/// <param name="ToStart">The push whose release pipeline is to start; null when the push is ignored.</param>
/// <param name="Status">The HTTP status of the answer.</param>
/// <param name="Reply">The answer: "ignored" with the reason, or "accepted" with the pipeline's id.</param>
internal sealed record PushPlan(PushReceived? ToStart, int Status, WebhookReply Reply);
