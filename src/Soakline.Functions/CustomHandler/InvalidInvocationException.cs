namespace Soakline.Functions.CustomHandler;

/// <summary>An invocation request that does not have the shape the host sends; the message names the missing part.</summary>
public sealed class InvalidInvocationException : Exception
{
    public InvalidInvocationException()
    {
    }

    public InvalidInvocationException(string message)
        : base(message)
    {
    }

    public InvalidInvocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
