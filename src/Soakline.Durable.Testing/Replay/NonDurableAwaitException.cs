namespace Soakline.Durable.Testing.Replay;

/// <summary>
/// An orchestrator awaited something the engine cannot replay (a delay, I/O, a task from another thread), so no
/// history event could ever resume it. The instance fails instead of hanging in Running forever.
/// </summary>
public sealed class NonDurableAwaitException : Exception
{
    public NonDurableAwaitException(string message)
        : base(message)
    {
    }

    public NonDurableAwaitException()
    {
    }

    public NonDurableAwaitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
