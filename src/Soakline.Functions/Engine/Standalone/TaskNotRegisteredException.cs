namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// An orchestration or activity name this process has no implementation for. The worker fails the instance (or the
/// activity) with it, so a misnamed start shows up as a failure with this type and a message naming the task instead
/// of an instance that stays Pending forever.
/// </summary>
internal sealed class TaskNotRegisteredException : Exception
{
    public TaskNotRegisteredException()
    {
    }

    public TaskNotRegisteredException(string message)
        : base(message)
    {
    }

    public TaskNotRegisteredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
