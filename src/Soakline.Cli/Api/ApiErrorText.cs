using System.Net;
using System.Text;
using System.Text.Json;

namespace Soakline.Cli.Api;

/// <summary>
/// The message in an error body: RFC 9457 problem details as the app answers (<c>title</c> unless it only restates the
/// status, <c>detail</c>, and each <c>errors</c> entry the detail does not already say), or an older app's
/// <c>{"error": "..."}</c>; anything else is quoted.
/// </summary>
internal static class ApiErrorText
{
    private const int MaxQuoted = 300;

    public static string From(string body, HttpStatusCode status)
    {
        var code = $"{(int)status} {ReasonOf(status)}";
        if (string.IsNullOrWhiteSpace(body))
        {
            return $"{code} (no message in the answer)";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && Describe(document.RootElement, ReasonOf(status)) is { Length: > 0 } described)
            {
                return $"{code}: {described}";
            }
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's HTML page or plain text; quoted below.
        }

        var quoted = body.Trim();
        return $"{code}: {(quoted.Length > MaxQuoted ? quoted[..MaxQuoted] + "…" : quoted)}";
    }

    /// <summary>ASP.NET Core's default title for a validation problem: it says nothing the status does not.</summary>
    private const string GenericValidationTitle = "One or more validation errors occurred.";

    private static string? Describe(JsonElement root, string reason)
    {
        if (Text(root, "error") is { } error)
        {
            return error;
        }

        var parts = new StringBuilder();
        var title = Text(root, "title") is { } t && t != reason && t != GenericValidationTitle ? t : null;
        var detail = Text(root, "detail");
        parts.Append(title);
        if (detail is not null && detail != title)
        {
            parts.Append(parts.Length > 0 ? ": " : string.Empty).Append(detail);
        }

        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                var messages = field.Value.ValueKind == JsonValueKind.Array
                    ? string.Join("; ", field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()))
                    : field.Value.ToString();
                var named = $"{field.Name}: {messages}";
                if (detail?.Contains(named, StringComparison.Ordinal) != true)
                {
                    parts.Append(parts.Length > 0 ? "; " : string.Empty).Append(named);
                }
            }
        }

        return parts.Length > 0 ? parts.ToString() : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string ReasonOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.GatewayTimeout => "Gateway Timeout",
        _ => status.ToString(),
    };
}
