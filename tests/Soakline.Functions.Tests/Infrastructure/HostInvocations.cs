using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>
/// Invocation requests shaped exactly as the Azure Functions host sends them to a custom handler
/// (enableForwardingHttpRequest false): POST /{function} with {"Data": {binding: value}, "Metadata": {...}}. The host
/// puts an HTTP trigger's request in Data.req (Url, Method, Query, Headers as arrays, Params, Body as text; current
/// hosts write Query and Identities as JSON-serialized strings, older ones Query as an object), and serializes
/// non-object values (a queue message, a dequeue count) as JSON text.
/// </summary>
public static class HostInvocations
{
    public static HttpRequestMessage Http(string function, string method, string pathAndQuery, string? body = null, IDictionary<string, string>? headers = null, IDictionary<string, string>? routeParams = null, bool queryAsObject = false)
    {
        var url = new Uri(new Uri("https://func-soakline.azurewebsites.net"), pathAndQuery);
        var headerObject = new JsonObject { ["Host"] = new JsonArray("func-soakline.azurewebsites.net"), ["User-Agent"] = new JsonArray("test") };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            headerObject[name] = new JsonArray(value);
        }

        var query = new JsonObject();
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            query[Uri.UnescapeDataString(parts[0])] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
        }

        var parameters = new JsonObject();
        foreach (var (name, value) in routeParams ?? new Dictionary<string, string>())
        {
            parameters[name] = value;
        }

        var req = new JsonObject
        {
            ["Url"] = url.ToString(),
            ["Method"] = method,
            ["Query"] = queryAsObject ? query : query.ToJsonString(),
            ["Headers"] = headerObject,
            ["Params"] = parameters,
            ["Identities"] = "[]",
        };
        if (body is not null)
        {
            req["Body"] = body;
        }

        var metadata = new JsonObject
        {
            ["Query"] = query.DeepClone(),
            ["Headers"] = headerObject.DeepClone(),
            ["sys"] = Sys(function),
        };
        return Invocation(function, new JsonObject { ["req"] = req }, metadata);
    }

    /// <summary>A queue trigger as the host really sends it: the message text and the metadata JSON-encoded once more.</summary>
    public static HttpRequestMessage Queue(string function, string message, long dequeueCount, string messageId, bool encodedAsHostDoes = true)
    {
        var data = new JsonObject { ["message"] = encodedAsHostDoes ? JsonSerializer.Serialize(message) : message };
        var metadata = new JsonObject
        {
            ["DequeueCount"] = encodedAsHostDoes ? dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) : dequeueCount,
            ["Id"] = encodedAsHostDoes ? JsonSerializer.Serialize(messageId) : messageId,
            ["InsertionTime"] = "\"2026-11-23T07:49:58+00:00\"",
            ["ExpirationTime"] = "\"2026-11-30T07:49:58+00:00\"",
            ["NextVisibleTime"] = "\"2026-11-23T07:59:58+00:00\"",
            ["PopReceipt"] = "\"AgAAAAMAAAAAAAAA\"",
            ["sys"] = Sys(function),
        };
        return Invocation(function, data, metadata);
    }

    public static HttpRequestMessage Timer(string function, DateTimeOffset last, DateTimeOffset next, bool isPastDue = false)
    {
        var timer = new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JsonObject { ["Last"] = last.ToString("O"), ["Next"] = next.ToString("O"), ["LastUpdated"] = last.ToString("O") },
            ["IsPastDue"] = isPastDue,
        };
        return Invocation(function, new JsonObject { ["timer"] = timer }, new JsonObject { ["sys"] = Sys(function) });
    }

    public static HttpRequestMessage GitHubWebhook(string eventName, string body, string? deliveryId = null) =>
        Http("GitHubWebhook", "POST", GitHubWebhookEndpoint.Route, body, new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            [GitHubWebhookEndpoint.EventHeader] = eventName,
            [GitHubWebhookEndpoint.DeliveryHeader] = deliveryId ?? Guid.NewGuid().ToString(),
            [WebhookSignature.HeaderName] = WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), TestSettings.WebhookSecretBytes),
        });

    private static JsonObject Sys(string function) => new()
    {
        ["MethodName"] = function,
        ["UtcNow"] = "2026-11-23T08:00:00.0123456Z",
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    private static HttpRequestMessage Invocation(string function, JsonObject data, JsonObject metadata)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/" + function)
        {
            Content = JsonContent.Create(new JsonObject { ["Data"] = data, ["Metadata"] = metadata }),
        };
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1044.0");
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1044.0");
        return request;
    }
}

/// <summary>The handler's answer to an invocation, parsed.</summary>
public sealed record InvocationResult(int Status, JsonElement Outputs, IReadOnlyList<string> Logs, JsonElement ReturnValue)
{
    public static async Task<InvocationResult> ReadAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new InvocationResult(
            (int)response.StatusCode,
            json.GetProperty(nameof(Outputs)),
            json.GetProperty(nameof(Logs)).EnumerateArray().Select(l => l.GetString()!).ToList(),
            json.GetProperty(nameof(ReturnValue)));
    }

    public int HttpStatus => Outputs.GetProperty("res").GetProperty("statusCode").GetInt32();

    public string HttpBody => Outputs.GetProperty("res").GetProperty("body").GetString()!;

    public string? HttpHeader(string name) =>
        Outputs.GetProperty("res").GetProperty("headers").EnumerateObject().FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}
