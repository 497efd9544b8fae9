using Soakline.Durable.Testing.History;

namespace Soakline.Durable.Testing.Runtime;

/// <summary>
/// The outcome of processing one work item, to be committed atomically: the new state, what was appended to history
/// (or that history was replaced, after ContinueAsNew or a restart), and the messages to send after the commit.
/// </summary>
public sealed record OrchestrationStepResult(
    OrchestrationInstanceState? NewState,
    IReadOnlyList<HistoryEvent> AppendedHistory,
    bool HistoryReplaced,
    IReadOnlyList<OrchestrationMessage> OrchestrationMessages,
    IReadOnlyList<ActivityRequest> ActivityRequests)
{
    /// <summary>Nothing to change: every message was a duplicate or stale (the messages are still consumed).</summary>
    public static OrchestrationStepResult Unchanged(OrchestrationInstanceState? state) => new(state, [], false, [], []);
}
