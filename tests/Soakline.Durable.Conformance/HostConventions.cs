namespace Soakline.Durable.Conformance;

/// <summary>
/// Where engines legitimately differ (their own error types and wording, what their client refuses, timer precision),
/// each host's fixture states what it does, and the suite holds the host to exactly that.
/// </summary>
public sealed record HostConventions
{
    /// <summary>The error type of an instance whose replay diverged from its history.</summary>
    public required string NonDeterminismErrorType { get; init; }

    /// <summary>Phrases the non-determinism message contains, given the orchestrator's name.</summary>
    public required Func<string, IReadOnlyList<string>> NonDeterminismMessageParts { get; init; }

    /// <summary>
    /// The error type of an instance whose orchestrator awaited a non-durable task; null when the host cannot tell
    /// (the instance then stays running, waiting for a durable task that never comes).
    /// </summary>
    public string? NonDurableAwaitErrorType { get; init; }

    /// <summary>
    /// The client refuses to start a name its process has not registered (<see cref="ArgumentException"/>) instead of
    /// starting an instance the worker then fails; the message is the same either way.
    /// </summary>
    public bool RefusesUnknownOrchestratorsAtStart { get; init; }

    /// <summary>A payload that does not deserialize fails with a message naming the task ("input of activity 'X'").</summary>
    public bool NamesTheTaskInInputErrors { get; init; }

    /// <summary>
    /// Raising an event to a finished instance is refused (<see cref="InvalidOperationException"/>), and to a missing
    /// one too (<see cref="ArgumentException"/>); otherwise such events are dropped without an error.
    /// </summary>
    public bool RefusesEventsForFinishedInstances { get; init; }

    /// <summary>
    /// Events carried into the next execution by continue-as-new keep their order relative to events that arrive
    /// meanwhile. The SDK's shim re-sends carried events to the instance on the Durable Task Framework, so there an
    /// event raised during the hand-over can overtake them (none is lost).
    /// </summary>
    public bool KeepsEventOrderAcrossContinueAsNew { get; init; }

    /// <summary>How much earlier than its fire time a durable timer may resume the orchestration.</summary>
    public TimeSpan TimerEarliness { get; init; }
}
