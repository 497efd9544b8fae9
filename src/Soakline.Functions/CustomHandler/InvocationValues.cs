using System.Globalization;
using System.Text.Json;

namespace Soakline.Functions.CustomHandler;

/// <summary>Reads values out of an invocation's <c>Data</c> and <c>Metadata</c>, undoing the host's extra JSON encoding.</summary>
public static class InvocationValues
{
    /// <summary>
    /// A string value. The host JSON-encodes a string trigger value before putting it in <c>Data</c>, so a queue message
    /// <c>{"a":1}</c> can arrive as the string <c>"{\"a\":1}"</c> wrapped in quotes once more; one such layer is removed.
    /// </summary>
    public static string? Text(JsonElement? value)
    {
        if (value is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return element.GetRawText();
        }

        var text = element.GetString()!;
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(text) ?? text;
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return text;
    }

    /// <summary>A whole number sent as a JSON number or as text.</summary>
    public static long? Number(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number))
        {
            return number;
        }

        return Text(element) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    public static JsonElement? Get(Dictionary<string, JsonElement>? values, string name)
    {
        if (values is null)
        {
            return null;
        }

        foreach (var (key, value) in values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
