namespace Soakline.Integrations.Metrics;

/// <summary>
/// A metrics backend could not answer (refused, failed, or answered something unreadable). Distinct from "no data",
/// which is a valid answer: the analysis counts this as a failed check, never as a healthy one.
/// </summary>
internal sealed class MetricsQueryException : Exception
{
    public MetricsQueryException(string message)
        : base(message)
    {
    }

    public MetricsQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MetricsQueryException()
    {
    }
}
