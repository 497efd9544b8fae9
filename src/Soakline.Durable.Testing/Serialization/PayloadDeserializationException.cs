namespace Soakline.Durable.Testing.Serialization;

/// <summary>A stored payload (input, result or event) does not fit the type the code asked for.</summary>
public sealed class PayloadDeserializationException : Exception
{
    public PayloadDeserializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PayloadDeserializationException(string message)
        : base(message)
    {
    }

    public PayloadDeserializationException()
    {
    }
}
