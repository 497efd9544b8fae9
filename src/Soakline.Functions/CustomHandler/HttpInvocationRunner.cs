using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Soakline.Functions.CustomHandler;

/// <summary>
/// Runs an HTTP-trigger invocation through the app's own routing and endpoints: the host's <c>req</c> value becomes
/// the request on the current context, the endpoint's response is captured and returned as the HTTP output binding.
/// So one set of handlers serves both ways of running, with the same filters, limits and status codes.
/// </summary>
public static class HttpInvocationRunner
{
    // Hop-by-hop and framing headers are the host's business, not the handler's.
    private static readonly HashSet<string> SkippedResponseHeaders = new(StringComparer.OrdinalIgnoreCase) { "Content-Length", "Transfer-Encoding", "Connection", "Date", "Server" };

    public static async Task<HttpOutput> RunAsync(HttpContext context, FunctionDefinition function, HttpTriggerRequest req, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(next);
        if (!Uri.TryCreate(req.Url, UriKind.Absolute, out var url))
        {
            throw new InvalidInvocationException($"Data.{function.TriggerBinding}.Url is not an absolute URL.");
        }

        var request = context.Request;
        request.Method = string.IsNullOrEmpty(req.Method) ? HttpMethods.Get : req.Method.ToUpperInvariant();
        request.Path = new PathString(Uri.UnescapeDataString(url.AbsolutePath));
        request.QueryString = new QueryString(url.Query);
        request.Headers.Clear();
        foreach (var (name, values) in req.Headers ?? [])
        {
            request.Headers[name] = HeaderValues(values);
        }

        var body = BodyBytes(req.Body, IsBinary(request.ContentType));
        request.Headers.ContentLength = body.Length;
        request.Body = new MemoryStream(body, writable: false);
        InvocationMarker.Mark(context, function);

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Response.Headers)
        {
            if (!SkippedResponseHeaders.Contains(name))
            {
                headers[name] = values.ToString();
            }
        }

        var output = new HttpOutput(context.Response.StatusCode, context.Response.StatusCode, Encoding.UTF8.GetString(captured.ToArray()), headers);
        context.Response.Headers.Clear();
        return output;
    }

    private static StringValues HeaderValues(JsonElement values) => values.ValueKind switch
    {
        JsonValueKind.Array => new StringValues(values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()).ToArray()),
        JsonValueKind.String => new StringValues(values.GetString()),
        _ => new StringValues(values.GetRawText()),
    };

    /// <summary>
    /// The host reads the body as text (so a signature over UTF-8 JSON still holds), and octet-stream or multipart
    /// bodies as bytes it sends base64-encoded; a body that arrives as a parsed JSON value is taken as its text.
    /// </summary>
    private static byte[] BodyBytes(JsonElement? body, bool binary) => body switch
    {
        null => [],
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => [],
        { ValueKind: JsonValueKind.String } text when binary => text.GetBytesFromBase64(),
        { ValueKind: JsonValueKind.String } text => Encoding.UTF8.GetBytes(text.GetString()!),
        { } other => Encoding.UTF8.GetBytes(other.GetRawText()),
    };

    private static bool IsBinary(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase));
}
