namespace Soakline.Integrations.Traffic;

/// <summary>Routing could not be changed as requested; the message says which host or step refused.</summary>
internal sealed class TrafficShiftException : Exception
{
    public TrafficShiftException()
    {
    }

    public TrafficShiftException(string message)
        : base(message)
    {
    }

    public TrafficShiftException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
