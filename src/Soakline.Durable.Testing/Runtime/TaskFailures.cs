using Microsoft.DurableTask;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CoreTaskFailedException = DurableTask.Core.Exceptions.TaskFailedException;

namespace Soakline.Durable.Testing.Runtime;

/// <summary>Failure details as the Durable Task Framework records them, so both hosts report a failure alike.</summary>
internal static class TaskFailures
{
    /// <summary>The error type of a call to an activity this worker does not have.</summary>
    public const string ActivityNotFound = "ActivityNotFound";

    /// <summary>The error type of an instance (or sub-orchestration) whose orchestrator this worker does not have.</summary>
    public const string OrchestratorNotFound = "OrchestratorNotFound";

    /// <summary>The registered names for an error message: sorted, or "none".</summary>
    public static string DescribeRegistered(IEnumerable<string> names)
    {
        var list = string.Join(", ", names.Order(StringComparer.Ordinal));
        return list.Length == 0 ? "none" : list;
    }

    /// <summary>
    /// The exception's type, message and stack, and its cause. A <see cref="TaskFailedException"/> (an awaited task
    /// failed and the orchestrator did not catch it) keeps the task's own failure as its cause, as the SDK's shim does.
    /// </summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        var cause = exception switch
        {
            TaskFailedException failed => failed.FailureDetails,
            { InnerException: { } inner } => FromException(inner),
            _ => null,
        };
        return new TaskFailureDetails(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace, cause, null);
    }

    /// <summary>
    /// The exception a Durable Task Framework retry policy is shown for a failed task: <see cref="RetryPolicy.Handle"/>
    /// (and so <c>HandleFailure</c>) reads the failure details from it.
    /// </summary>
    public static Exception ForRetryPolicy(string taskName, int taskId, TaskFailureDetails failure) =>
        new CoreTaskFailedException(-1, taskId, taskName, string.Empty, failure.ErrorMessage, null) { FailureDetails = ToCore(failure) };

    private static CoreFailureDetails ToCore(TaskFailureDetails failure) =>
        new(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure is { } inner ? ToCore(inner) : null, isNonRetriable: false);
}
