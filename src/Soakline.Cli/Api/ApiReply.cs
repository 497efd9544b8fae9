using System.Net;

namespace Soakline.Cli.Api;

/// <summary>What the app answered: the status code and the body as sent (printed as is by <c>--json</c>).</summary>
internal sealed record ApiReply(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The server's own explanation of an error, whichever error shape it used.</summary>
    public string ErrorMessage => ApiErrorText.From(Body, Status);
}
