namespace Soakline.Functions.Webhooks;

/// <summary>A webhook body that is not JSON or lacks a field the event needs; the message names the field.</summary>
internal sealed class WebhookPayloadException : Exception
{
    public WebhookPayloadException()
    {
    }

    public WebhookPayloadException(string message)
        : base(message)
    {
    }

    public WebhookPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A problem with one field: the message reads "<paramref name="field"/>: <paramref name="problem"/>".</summary>
    public WebhookPayloadException(string field, string problem, Exception? innerException)
        : base($"{field}: {problem}", innerException)
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The payload field at fault, when the problem is one field's; the reply's <c>errors</c> names it.</summary>
    public string? Field { get; }

    /// <summary>What is wrong with <see cref="Field"/>.</summary>
    public string? Problem { get; }
}
