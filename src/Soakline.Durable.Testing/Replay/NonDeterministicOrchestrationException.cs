namespace Soakline.Durable.Testing.Replay;

/// <summary>
/// The orchestrator's replay took different actions than its history records: it branched on something
/// non-deterministic (the clock, random numbers, I/O) or its code changed under a running instance.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
