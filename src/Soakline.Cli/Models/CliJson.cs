using System.Text.Json;
using System.Text.Json.Serialization;

namespace Soakline.Cli.Models;

/// <summary>
/// How the CLI reads the API: the app writes System.Text.Json web defaults (camelCase); enums may arrive as numbers
/// (today's custom status) or names, and both read.
/// </summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Reads <paramref name="element"/> as <typeparamref name="T"/>; null when it is absent or another shape.</summary>
    public static T? Read<T>(JsonElement? element)
        where T : class
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        try
        {
            return value.Deserialize<T>(Options);
        }
        catch (JsonException)
        {
            // A custom status another orchestrator wrote in its own shape: shown as absent rather than failing the view.
            return null;
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
