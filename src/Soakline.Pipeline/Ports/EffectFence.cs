namespace Soakline.Pipeline.Ports;

/// <summary>
/// A fencing token for an effect on hosts (deploy, switch, restart, traffic change): the orchestration time at which
/// the effect was decided, in ticks. A host remembers the highest token that changed it and refuses an effect that
/// carries a lower one, so a decision that has been overtaken cannot act after the decision that overtook it.
/// </summary>
/// <remarks>
/// The engine runs activities at least once: an activity taken by a process that dies after acting, but before the
/// engine recorded it as done, is run again once its queue message becomes visible, possibly after the orchestration
/// has moved on (the chaos proof saw a canary deployed again ten seconds after its rollback). Orchestration time comes
/// from the history, so a replay computes the same token; effects decided later in the same or a later orchestration
/// carry a higher one. Hosts accept an equal token, so a retry of the same decision is still allowed (the effects are
/// idempotent).
/// </remarks>
/// <param name="Value">The decision's orchestration time in UTC ticks; never negative.</param>
public sealed record EffectFence(long Value)
{
    /// <summary>The token of a decision taken at <paramref name="decidedAt"/> (the orchestration's current time).</summary>
    public static EffectFence DecidedAt(DateTimeOffset decidedAt) => new(decidedAt.UtcTicks);

    /// <summary>The token as the decimal text hosts store and compare.</summary>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
