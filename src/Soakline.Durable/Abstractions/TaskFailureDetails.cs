namespace Soakline.Durable;

/// <summary>
/// What went wrong in a failed activity, sub-orchestration or orchestration: the exception type, message, stack and
/// the failure that caused it. Stored in history, so it survives the process that failed.
/// </summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailureDetails)
{
    /// <summary>True when the failure was caused by an exception of type <typeparamref name="T"/> or a subclass.</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        var target = typeof(T);
        for (var type = Type.GetType(ErrorType, throwOnError: false) ?? FindLoadedType(ErrorType); type is not null; type = type.BaseType)
        {
            if (type == target)
            {
                return true;
            }
        }

        return string.Equals(ErrorType, target.FullName, StringComparison.Ordinal);
    }

    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        var inner = exception switch
        {
            TaskFailedException failed => failed.FailureDetails,
            { InnerException: { } cause } => FromException(cause),
            _ => null,
        };
        return new TaskFailureDetails(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace, inner);
    }

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";

    private static Type? FindLoadedType(string fullName)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetType(fullName, throwOnError: false) is { } type)
            {
                return type;
            }
        }

        return null;
    }
}
