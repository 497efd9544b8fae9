using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>A source-control call failed for a reason the user must fix (credentials, permissions, missing repository).</summary>
public sealed class SourceControlException : Exception
{
    /// <summary>
    /// True when asking again cannot help (not configured, not found, credentials or permissions refused): callers
    /// stop at once and show the message instead of retrying.
    /// </summary>
    public bool IsPermanent { get; init; }

    public SourceControlException(string message)
        : base(message)
    {
    }

    public SourceControlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SourceControlException()
    {
    }
}
