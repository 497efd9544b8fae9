using Soakline.Durable.Testing.History;

namespace Soakline.Durable.Testing.Runtime;

/// <summary>
/// A message on the control path to one orchestration instance: its start, a task result, a timer, an event,
/// terminate/suspend/resume. Backends carry it; the step processor turns it into history.
/// </summary>
/// <param name="MessageId">Unique per message, so receivers can recognise a redelivery.</param>
/// <param name="TargetInstanceId">The instance it is for.</param>
/// <param name="TargetExecutionId">
/// The execution it belongs to, or null for "whichever is current" (client events). A message for an older execution
/// (before a ContinueAsNew or a restart) is dropped.
/// </param>
/// <param name="Event">The history event it delivers.</param>
/// <param name="VisibleAt">Not to be delivered before this time (durable timers, delayed starts).</param>
public sealed record OrchestrationMessage(
    string MessageId,
    string TargetInstanceId,
    string? TargetExecutionId,
    HistoryEvent Event,
    DateTimeOffset? VisibleAt = null)
{
    public static OrchestrationMessage Create(string instanceId, string? executionId, HistoryEvent @event, DateTimeOffset? visibleAt = null) =>
        new(Guid.NewGuid().ToString("N"), instanceId, executionId, @event, visibleAt);
}
