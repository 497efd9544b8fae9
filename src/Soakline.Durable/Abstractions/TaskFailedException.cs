namespace Soakline.Durable;

/// <summary>
/// Thrown into an orchestrator when an activity or sub-orchestration it awaited failed. The original failure, which
/// happened in another process or another replay, is in <see cref="FailureDetails"/>.
/// </summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails(nameof(Exception), "unknown failure", null, null))
    {
    }

    public TaskFailedException(string message)
        : this("unknown", -1, new TaskFailureDetails(nameof(Exception), message, null, null))
    {
    }

    public TaskFailedException(string message, Exception innerException)
        : this("unknown", -1, TaskFailureDetails.FromException(innerException ?? new InvalidOperationException(message)))
    {
    }

    public string TaskName { get; }

    public int TaskId { get; }

    public TaskFailureDetails FailureDetails { get; }
}
