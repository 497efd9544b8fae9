namespace Soakline.Functions.Webhooks;

/// <summary>
/// A push the webhook accepted (202) whose release pipeline is still to be started: the delivery's claim in the
/// <see cref="IDeliveryLedger"/> holds the push itself, so the claim survives the process that answered GitHub.
/// </summary>
/// <param name="Claim">Completed once the pipeline exists; completing marks the delivery handled.</param>
/// <param name="Push">What the release orchestration starts with.</param>
/// <param name="RecordedAt">When the claim was taken: a pending push much older than a start takes was left by a process that died.</param>
public sealed record PendingPush(DeliveryClaim Claim, PushReceived Push, DateTimeOffset RecordedAt)
{
    /// <summary>
    /// The longest commit message a claim records. A table property holds at most 64 KiB, and escaped JSON can take six
    /// bytes per character; a push with a longer message (rare) is started before the answer, as without the pump.
    /// </summary>
    public const int MaxRecordedMessageLength = 8_000;

    /// <summary>Whether <paramref name="push"/> fits in a claim (see <see cref="MaxRecordedMessageLength"/>).</summary>
    public static bool CanRecord(PushReceived push)
    {
        ArgumentNullException.ThrowIfNull(push);
        return push.Message.Length <= MaxRecordedMessageLength;
    }
}
