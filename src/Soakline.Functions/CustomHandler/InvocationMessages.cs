using System.Text.Json;
using System.Text.Json.Serialization;

namespace Soakline.Functions.CustomHandler;

/// <summary>
/// The body the Functions host POSTs to <c>/{functionName}</c>: trigger and input values by binding name in
/// <c>Data</c>, trigger metadata in <c>Metadata</c>. The host serializes non-object values as JSON text, so a queue
/// message may arrive JSON-encoded once more and a number as a string; <see cref="InvocationValues"/> reads both.
/// </summary>
public sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata);

/// <summary>The handler's answer: output binding values by name, log lines for the host's log, and a return value.</summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);

/// <summary>
/// An HTTP output binding value. The host requires all four members; <c>body</c> is the response text and
/// <c>headers</c> go to the client as they are.
/// </summary>
public sealed record HttpOutput(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("headers")] Dictionary<string, string> Headers);

/// <summary>
/// The <c>req</c> value of an HTTP trigger when the host does not forward the request itself. Host versions differ in
/// how they write <c>Query</c> and <c>Identities</c> (an object, or that object serialized as a string), so those are
/// kept as raw JSON; the handler takes the query from <c>Url</c>. <c>Body</c> is the body as text, or base64 for
/// octet-stream and multipart bodies.
/// </summary>
public sealed record HttpTriggerRequest(
    [property: JsonPropertyName("Url")] string? Url,
    [property: JsonPropertyName("Method")] string? Method,
    [property: JsonPropertyName("Query")] JsonElement? Query,
    [property: JsonPropertyName("Headers")] Dictionary<string, JsonElement>? Headers,
    [property: JsonPropertyName("Params")] JsonElement? Params,
    [property: JsonPropertyName("Body")] JsonElement? Body);
